"""Importers and exporters: TimelineJS JSON, the TimelineJS sheet template and the atlas CSV.

Each format is a reader/writer pair over one in-memory form (`records.py`); nothing here touches the
database. Start from `formats.read_events`, `formats.write_events` and `formats.recognise_format`.
"""
