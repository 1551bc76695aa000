"""Fictional data: the demo register of a made-up gmina, and registers of any size.

The demo (`demo`: three years, written through the services) is for training and
screenshots; the generator (`generator`: ten years, tens of thousands of procedures,
written in batches) is for trying the program at the scale of a large office. Both draw
from the same vocabulary. Nothing is imported here, so the program can name the demo
password (`gmina`) without loading either.
"""
