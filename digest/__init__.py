"""wp-digest: crawl WordPress current-affairs sites and mail digests grouped by syllabus paper."""

__version__ = "0.1.0"
