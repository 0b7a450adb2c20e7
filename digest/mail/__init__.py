"""The mail stage: digests to subscribers, exactly once.

- `message`: build a message (pure);
- `transport`: hand it to an SMTP server or an outbox folder;
- `deliver`: who is due what, through the delivery ledger (digest.store.ledger).
"""
