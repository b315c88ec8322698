"""What the source commands print."""


def print_summary(stdout, summary):
    """One line of counts, in a stable order: 'found 12, known 10, imported 2'."""
    stdout.write(", ".join(f"{key} {count}" for key, count in sorted(summary.items())) or "-")
