#!/usr/bin/env bash
# The Java runtime layer of numi's images, made from the build's own JDK: no base image to pull.
#
#   deploy/images/java-runtime.sh <output folder> <java.home> <base image>
#
# Jib (root pom, profile "images") starts from "scratch" and adds <output folder>/rootfs:
#   /opt/java/openjdk                  a jlink'ed runtime (the modules below, same path as eclipse-temurin)
#   /lib/x86_64-linux-gnu, /lib64      the C libraries it links (glibc, libstdc++, libgcc_s, zlib), copied
#                                      from this machine, with their copyright files
#   /var/lib/dpkg/status.d/<package>   which Debian packages they come from, so image scanners see them
#   /etc/passwd, /etc/group            root and numi (65532), the user the images run as
#   /etc/nsswitch.conf, /etc/os-release, /tmp
# The result is a distroless-like image: no shell, no package manager. Rebuilding the images on an
# up-to-date build machine is how they get the JDK's and the libraries' security updates.
#
# With another base image (-Djib.from.image=eclipse-temurin:17-jre@sha256:...), the base brings Java
# and this script leaves rootfs empty.
#
# Runs in a few seconds (13 s measured on 2 busy cores); does nothing when the runtime is up to date
# (same script, same JDK, same base).
set -euo pipefail

out=${1:?output folder}
java_home=${2:?java.home of the build}
base=${3:-scratch}

# Found by running the five services on the runtime (a missing module fails their start-up):
# java.desktop for java.beans, java.compiler for javax.lang.model, java.security.sasl/jgss and
# jdk.security.auth for Kafka's SASL, jdk.naming.dns for mongodb+srv://, jdk.crypto.ec for TLS,
# jdk.unsupported for Netty and Kafka, jdk.management for Micrometer's JVM metrics, jdk.jcmd for
# diagnostics (jcmd 1 Thread.print), jdk.localedata for French dates.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming
modules=$modules,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.charsets
modules=$modules,jdk.crypto.ec,jdk.jcmd,jdk.jfr,jdk.localedata,jdk.management,jdk.naming.dns,jdk.net
modules=$modules,jdk.security.auth,jdk.security.jgss,jdk.unsupported,jdk.zipfs

stamp_of() {
  { cat "$0"; echo "$base"; cat "$java_home/release" 2>/dev/null || true; "$java_home/bin/java" -version 2>&1; } | sha256sum | cut -d' ' -f1
}
stamp=$(stamp_of)
if [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ]; then
  echo "java-runtime: $out is up to date"
  exit 0
fi

tmp="$out.tmp.$$"
trap 'rm -rf "$tmp"' EXIT
rm -rf "$tmp"
mkdir -p "$tmp/rootfs"

if [ "$base" != scratch ]; then
  echo "java-runtime: base image $base brings its own Java; no runtime layer"
else
  started=$(date +%s)
  rootfs="$tmp/rootfs"
  jre="$rootfs/opt/java/openjdk"
  [ -d "$java_home/jmods" ] || { echo "java-runtime: $java_home/jmods is missing (a JDK with jmods is needed)" >&2; exit 1; }
  # No jlink compression: the layer is gzipped anyway, and an uncompressed modules file starts faster.
  "$java_home/bin/jlink" --add-modules "$modules" --include-locales=en,fr \
    --strip-debug --no-man-pages --no-header-files --output "$jre"
  # Desktop, sound and image natives of java.desktop: never loaded by a headless server, and they
  # would pull X11, ALSA and font libraries in. java.beans needs none of them.
  rm -f "$jre"/lib/lib{awt_xawt,jawt,fontmanager,javajpeg,splashscreen,lcms,jsound,mlib_image}.so

  # Trusted CAs (Debian's JDK links lib/security/cacerts to ca-certificates-java's store).
  if [ -f "$java_home/lib/security/cacerts" ]; then
    cp -L "$java_home/lib/security/cacerts" "$jre/lib/security/cacerts"
  else
    echo "java-runtime: $java_home/lib/security/cacerts is missing: TLS to Kafka or MongoDB would trust nothing" >&2
    exit 1
  fi

  # The shared libraries every binary and library of the runtime links, with the dynamic loader.
  # (libjvm.so is the launcher's to load: the other JDK libraries name it but have no path to it.)
  libs=$(find "$jre" -type f \( -name '*.so' -o -perm -u+x \) -exec ldd {} \; 2>/dev/null \
    | awk '/^[ \t]*libjvm\.so => not found/ { next } /not found/ { print "MISSING " $1; next } /=> \// { print $3; next } /^[ \t]*\/.*ld-linux/ { print $1 }' \
    | sort -u)
  if grep -q '^MISSING' <<<"$libs"; then
    echo "java-runtime: unresolved libraries: $(grep '^MISSING' <<<"$libs" | tr '\n' ' ')" >&2
    exit 1
  fi
  packages=""
  for lib in $libs; do
    case "$lib" in "$jre"/*) continue ;; esac
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
    if command -v dpkg >/dev/null 2>&1; then
      package=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -1 | cut -d: -f1) || true
      [ -z "$package" ] && package=$(dpkg -S "$lib" 2>/dev/null | head -1 | cut -d: -f1) || true
      [ -n "$package" ] && packages="$packages $package"
    fi
  done
  mkdir -p "$rootfs/var/lib/dpkg/status.d"
  for package in $(tr ' ' '\n' <<<"$packages" | sort -u); do
    dpkg -s "$package" | grep -E '^(Package|Version|Architecture|Source|Status|Maintainer|Homepage):' \
      > "$rootfs/var/lib/dpkg/status.d/$package"
    if [ -f "/usr/share/doc/$package/copyright" ]; then
      mkdir -p "$rootfs/usr/share/doc/$package"
      cp -L "/usr/share/doc/$package/copyright" "$rootfs/usr/share/doc/$package/copyright"
    fi
  done

  mkdir -p "$rootfs/etc" "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnumi:x:65532:65532:numi:/tmp:/sbin/nologin\n' > "$rootfs/etc/passwd"
  printf 'root:x:0:\nnumi:x:65532:\n' > "$rootfs/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
  [ -f /etc/os-release ] && cp -L /etc/os-release "$rootfs/etc/os-release"

  echo "java-runtime: $(du -sh "$rootfs" | cut -f1) in $(( $(date +%s) - started )) s:" \
    "$("$jre/bin/java" -version 2>&1 | head -1), libraries from$(tr ' ' '\n' <<<"$packages" | sort -u | tr '\n' ' ')"
fi

echo "$stamp" > "$tmp/stamp"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$tmp" "$out"
trap - EXIT
