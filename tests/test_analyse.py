"""The analysers run their models over all paragraphs of an article at once; a paragraph must come out as if
it had been analysed alone: same sentences, tokens, tags and names, at its own offsets."""
import pytest

from sphere.analyse import analyse

PARAGRAPHS = {
    "en": ["Foreign Minister Ana Ruiz arrived in Nairobi on Monday.",
           "Kenya and Peru signed a trade accord. Talks on a naval visit continue.",
           "A short headline"],
    "ru": ["Министр обороны Ирана прибыл в Бамако в среду.",
           "Россия и Мали подписали соглашение о поставках зерна. Переговоры продолжатся.",
           "Коротко"],
    "uk": ["Міністр закордонних справ Чилі відвідав Київ.",
           "Туреччина та Катар домовилися про співпрацю. Сторони зустрінуться знову.",
           "Коротко"],
}


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_each_paragraph_is_analysed_as_if_alone(lang):
    paragraphs = PARAGRAPHS[lang]
    together = analyse("\n\n".join(paragraphs), lang)
    alone, offset = [], 0
    for paragraph in paragraphs:
        for sentence in analyse(paragraph, lang):
            alone.append((sentence.start + offset, sentence.text, sentence.ner,
                          [(t.text, t.start + offset, t.lemma, t.pos, t.head) for t in sentence.tokens]))
        offset += len(paragraph) + 2
    assert [(s.start, s.text, s.ner, [(t.text, t.start, t.lemma, t.pos, t.head) for t in s.tokens])
            for s in together] == alone
    assert len(together) >= len(paragraphs)
