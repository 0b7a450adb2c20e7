"""wp-digest: crawl WordPress current-affairs sites and mail digests grouped by syllabus paper."""

__version__ = "0.1.0"

# How wp-digest starts its own child processes (the crawler, the monthly book's layout):
# `-P` keeps the working directory off sys.path, so a child imports the installed package
# even when started from inside a clone (whose digest/ would otherwise win).
CHILD_FLAGS = ("-P",)
