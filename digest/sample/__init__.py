"""The sample stage: a WordPress look-alike on loopback (`site`), its bundled posts and their
builder (`build`), and the offline demo (`demo`). Used by tests, benchmarks and new users."""
