package fr.numi.intake.whatsapp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedButtonWordsTest {

    final RedButtonWords words = new RedButtonWords(List.of("URGENCE"));

    @ParameterizedTest
    @ValueSource(strings = {"URGENCE", "urgence", "Urgençe !", "c'est une ÙRGÉNCE, on me demande de payer", "urgence\n"})
    void shouldSeeTheKeywordWhateverTheCaseOrAccents(String text) {
        assertThat(words.pressedIn(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bonjour", "urgent", "désurgencer l'imprimante"})
    void shouldNotSeeItInOrdinaryText(String text) {
        assertThat(words.pressedIn(text)).isFalse();
    }
}
