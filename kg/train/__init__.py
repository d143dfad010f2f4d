"""Training the optional statistical NER component (``kg train``).

:mod:`kg.train.convert` turns gold-format JSONL into spaCy ``DocBin`` data;
:mod:`kg.train.loop` trains a small tok2vec + NER pipeline on it with spaCy's own config
system and training loop, on CPU. The result is a spaCy pipeline directory that
:mod:`kg.extract.statistical` (the ``kg_ner`` component) loads.
"""
