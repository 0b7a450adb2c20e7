"""The crawl stage: WordPress REST API into the store, through Scrapy in a child process.

`run()` is all the rest of the program needs; Scrapy itself is imported only in the child
(digest.crawl.child), so a daemon that crawls does not carry Scrapy's memory between crawls.
"""

from digest.crawl.process import CrawlResult, interrupt, range_bounds, run

__all__ = ["CrawlResult", "interrupt", "range_bounds", "run"]
