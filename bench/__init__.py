"""Performance bench of NK Desk: `python -m bench [--procedures N] [--runs K]`.

Builds (once, cached under `.bench/registers/`) an encrypted register of fictional
procedures and prints one line per figure: name, median, unit, ratio or note. Every
figure is taken from a fresh child process running the real program or command line;
see docs/performance.md for what each figure measures and the goals.
"""
