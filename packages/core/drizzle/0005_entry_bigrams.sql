-- Two-character searches (most Chinese words: 审核, 批次, 灭菌): the trigram index cannot answer
-- them, so the CJK runs of each entry's search text are also indexed as overlapping bigrams,
-- space-separated for the unicode61 tokenizer. Contentless, rowid = entries.id, like entry_search.
CREATE VIRTUAL TABLE `entry_bigrams` USING fts5(`body`, content='', tokenize='unicode61');
