package fr.numi.triage.qualification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormaliserTest {

    @Test
    void shouldStripAccentsAndLowerCase() {
        assertThat(TextNormaliser.normalise("ARNAQUÉ Rançongiciel Déjà")).isEqualTo("arnaque rancongiciel deja");
    }

    @Test
    void shouldTurnEveryRunOfPunctuationIntoOneSpace() {
        assertThat(TextNormaliser.normalise("  j'ai  cliqué !!! sur… le « lien » -- e-mail  ")).isEqualTo("j ai clique sur le lien e mail");
    }

    @Test
    void shouldSpellOutLigatures() {
        assertThat(TextNormaliser.normalise("Cœur ÆSOP")).isEqualTo("coeur aesop");
    }

    @Test
    void shouldGiveNoWordsForBlankOrNullText() {
        assertThat(TextNormaliser.words(null)).isEmpty();
        assertThat(TextNormaliser.words(" ?! ")).isEmpty();
    }

    @Test
    void shouldCalmLettersRepeatedThreeTimesOrMoreAndFoldPlurals() {
        assertThat(TextNormaliser.words("URGEEEENT les paiements")).containsExactly("urgent", "les", "paiement");
    }

    @Test
    void shouldSpellOutFullWidthLettersAndDropZeroWidthSpaces() {
        assertThat(TextNormaliser.normalise("ＡＲＮＡＱＵＥ pi\u200Brate")).isEqualTo("arnaque pirate");
    }

    @Test
    void shouldReplaceSmsSpellingButNotTwice() {
        var spellings = java.util.Map.of("c", java.util.List.of("c", "est"), "mdp", java.util.List.of("mot", "de", "passe"));
        assertThat(TextNormaliser.words("c quoi mon mdp", spellings)).containsExactly("c", "est", "quoi", "mon", "mot", "de", "passe");
        assertThat(TextNormaliser.words("c'est quoi", spellings)).containsExactly("c", "est", "quoi");
    }
}
