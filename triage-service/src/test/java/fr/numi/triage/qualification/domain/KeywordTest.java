package fr.numi.triage.qualification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeywordTest {

    @Test
    void shouldMatchAPhraseOnlyAsConsecutiveWords() {
        Keyword keyword = Keyword.of("mot de passe", 2);

        assertThat(keyword.foundIn(TextNormaliser.words("J'ai oublié mon MOT DE PASSE"))).isTrue();
        assertThat(keyword.foundIn(TextNormaliser.words("mot ... passe de"))).isFalse();
    }

    @Test
    void shouldMatchAPrefixWhenTheTermEndsWithAStar() {
        Keyword keyword = Keyword.of("imprim*", 1);

        assertThat(keyword.foundIn(TextNormaliser.words("je n'arrive pas à IMPRIMER"))).isTrue();
        assertThat(keyword.foundIn(TextNormaliser.words("une prime"))).isFalse();
    }

    @Test
    void shouldToleratesOneTypoOnlyOnLongWholeWords() {
        assertThat(Keyword.of("rançongiciel", 3).foundIn(TextNormaliser.words("un rancongicel"))).isTrue();
        assertThat(Keyword.of("virement", 2).foundIn(TextNormaliser.words("deux virements"))).isTrue();
        assertThat(Keyword.of("wifi", 2).foundIn(TextNormaliser.words("wifo"))).isFalse();
        assertThat(Keyword.of("virement", 2).foundIn(TextNormaliser.words("vitrement"))).isTrue();
        assertThat(Keyword.of("virement", 2).foundIn(TextNormaliser.words("vraiment"))).isFalse();
    }

    @Test
    void shouldMeasureOneEditDistance() {
        assertThat(Keyword.withinOneEdit("arnaque", "arnaqe")).isTrue();
        assertThat(Keyword.withinOneEdit("arnaque", "arnaques")).isTrue();
        assertThat(Keyword.withinOneEdit("arnaque", "arnaqeu")).isFalse();
    }
}
