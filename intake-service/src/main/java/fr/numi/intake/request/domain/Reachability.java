package fr.numi.intake.request.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The written ways numi may answer a person, from the contact they gave and whether it is proven:
 * <ul>
 *   <li>WhatsApp to a proven WhatsApp sender (a number or a business-scoped user id);</li>
 *   <li>SMS to a proven mobile number (a caller, an SMS sender, a number verified with a code);</li>
 *   <li>e-mail to an e-mail address (the address itself is the contact: nobody else's conversation
 *       can be reached through it);</li>
 *   <li>the tracking page for a web request (the person holds its link).</li>
 * </ul>
 * A number typed on the web form gets no WhatsApp and no SMS until the person proves it: numi never
 * writes, at its own cost, to a number nobody proved. A caller on a landline has no written way at
 * all: the agent calls back.
 */
public final class Reachability {

    public enum Route {
        WHATSAPP,
        SMS,
        EMAIL,
        TRACKING_PAGE
    }

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<PhoneNumberType> TEXTABLE = EnumSet.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);

    private Reachability() {}

    public static List<Route> of(Channel channel, Contact contact, boolean proven) {
        List<Route> routes = new ArrayList<>();
        switch (contact.kind()) {
            case EMAIL -> routes.add(Route.EMAIL);
            case WHATSAPP -> {
                if (proven) {
                    routes.add(Route.WHATSAPP);
                }
            }
            case PHONE -> {
                if (proven && isMobile(contact)) {
                    routes.add(Route.SMS);
                }
            }
        }
        if (channel == Channel.WEB) {
            routes.add(Route.TRACKING_PAGE);
        }
        return List.copyOf(routes);
    }

    /** True for an E.164 number that can receive SMS (mobile, or a plan where the two are not told apart). */
    public static boolean isMobile(Contact contact) {
        if (!contact.isPhoneNumber()) {
            return false;
        }
        try {
            return TEXTABLE.contains(PHONES.getNumberType(PHONES.parse(contact.value(), "ZZ")));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
