//! Words that say nothing about what a finding is about: articles, pronouns,
//! prepositions, conjunctions, the commonest verbs and adverbs. French from the Snowball
//! project's French stop-word list (snowballstem.org, `french/stop.txt`), with the verb
//! forms and adverbs workshop findings use most ("faut", "peut", "plus", "très");
//! English from Snowball's `english/stop.txt`, shortened. Compared lower case, as typed
//! and without accents (so "deja" and "déjà" both go).

/// French stop words.
pub const FRENCH: &[&str] = &[
    "a", "à", "afin", "ai", "aie", "ainsi", "alors", "as", "au", "aucun", "aucune", "aupres",
    "auprès", "aura", "aurait", "aussi", "autant", "autre", "autres", "aux", "avaient", "avait",
    "avant", "avec", "avoir", "avons", "bien", "bon", "c", "ça", "car", "ce", "ceci", "cela",
    "celle", "celles", "celui", "ces", "cet", "cette", "ceux", "chaque", "chez", "ci", "comme",
    "comment", "d", "dans", "de", "des", "deux", "doit", "doivent", "donc", "dont", "du", "elle",
    "elles", "en", "encore", "entre", "est", "et", "étaient", "était", "été", "être", "eu", "eux",
    "fait", "faire", "font", "fois", "il", "ils", "j", "je", "jusqu", "l", "la", "là", "le", "les",
    "leur", "leurs", "lors", "lorsque", "lui", "m", "ma", "mais", "me", "même", "mêmes", "mes",
    "moi", "moins", "mon", "n", "ne", "ni", "nos", "notre", "nous", "on", "ont", "ou", "où", "par",
    "parce", "pas", "peu", "peut", "peuvent", "plus", "pour", "pourquoi", "qu", "quand", "que",
    "quel", "quelle", "quelles", "quels", "qui", "quoi", "s", "sa", "sans", "se", "sera", "ses",
    "si", "soit", "son", "sont", "sous", "souvent", "sur", "t", "ta", "te", "tes", "toi", "ton",
    "tous", "tout", "toute", "toutes", "très", "trop", "tu", "un", "une", "uns", "unes", "vers",
    "via", "vos", "votre", "vous", "y", "il", "faut", "etc", "cas", "ni", "non", "oui",
];

/// English stop words.
pub const ENGLISH: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "being", "but", "by", "can", "could", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "more", "most",
    "much", "must", "no", "not", "of", "on", "or", "our", "out", "should", "so", "some", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "too", "very", "was", "we", "were", "what", "when", "which", "who", "why", "will",
    "with", "would", "you", "your",
];
