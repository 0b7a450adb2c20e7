"""The schedule stage: when to crawl and send, for cron (`tick`) and the daemon (`run`).

- `due`: what is due at time T (pure);
- `tick`: do once whatever is due now;
- `daemon`: APScheduler 3 calling `tick` at the right moments.
"""
