"""Reading and loading a corpus: a folder of YAML files whose records refer to each other by slug.

The format is described in docs/corpus-format.md. `reading` turns files into records, `spec` declares
each section's fields and children once, and `loading` validates every record with the models' own
validation, resolves every slug and writes in one transaction: a corpus with any problem writes nothing,
and every problem is reported with its file, section, slug and field.
"""

from chronology.corpus.loading import LoadReport, corpus_load
from chronology.corpus.reading import CorpusInvalid, Problem, read_corpus
from chronology.corpus.spec import SECTION_ORDER

__all__ = ["SECTION_ORDER", "CorpusInvalid", "LoadReport", "Problem", "corpus_load", "read_corpus"]
