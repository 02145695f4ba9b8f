from conflictlens.ingest.clean import clean_text

PAGE = """Search

Fighting flares near the river town

Fighting flares near the river town

Share this article

Gunmen attacked a checkpoint near the river town on Monday, killing two guards, a local source said.

The attackers fled toward the hills. Police said they had opened an investigation.

This article was translated and edited by The Example Observer. The Example Observer has not verified the content of this story.

We use cookies to improve your experience. By continuing to use this site you agree to our cookie policy.

Helpful keywords
Gunmen
River town
Checkpoint

Leave a Reply
Your email address will not be published.
"""


def test_furniture_is_removed_and_every_sentence_kept():
    text = clean_text(PAGE, "Fighting flares near the river town")
    assert "Gunmen attacked a checkpoint near the river town on Monday, killing two guards, a local source said." in text
    assert "The attackers fled toward the hills. Police said they had opened an investigation." in text
    for furniture in ("Search", "Share this article", "Helpful keywords", "translated", "cookies",
                      "Leave a Reply", "email address", "Fighting flares", "Checkpoint\n"):
        assert furniture not in text, furniture


def test_disclaimer_sentence_removed_but_rest_of_paragraph_kept():
    text = clean_text("Two people died in the blast. This article was translated by the desk. More follows soon.")
    assert "Two people died in the blast." in text
    assert "More follows soon." in text
    assert "translated" not in text


def test_prose_line_that_starts_with_a_menu_word_is_kept():
    text = clean_text("Search teams recovered three bodies from the rubble on Friday, rescuers said.\n\nSearch")
    assert text == "Search teams recovered three bodies from the rubble on Friday, rescuers said."


def test_tail_block_ends_at_prose():
    page = ("First paragraph of the story is here and it is long enough to be prose for sure.\n\nTags\nWar\nPeace\n\n"
            "A long final paragraph that follows the tag block and reads like real article prose, with a verb in it.")
    text = clean_text(page)
    assert "War" not in text.split("\n") and "A long final paragraph" in text
