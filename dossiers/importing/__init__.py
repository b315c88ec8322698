"""Reading a published Kamerstuk and proposing what to record from it.

The pipeline: reader.py turns a PDF or text upload into running text; each extractor module
reads that text with a Gazetteer of what is already known and returns proposals
(proposals.py); pipeline.py runs them all; accept.py writes accepted proposals in one
transaction. Extractors are plain Python without the ORM, so they run on any text.
"""
