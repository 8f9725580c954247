"""Asking the same thing twice, as a reader does, and checking the second answer is the first."""


def asked_twice(client, url: str, **headers):
    """The first and the repeated answer to `url`, after checking the repeat has the first's status, every
    header and the body (a cache may answer it, but a reader must not be able to tell)."""
    first, repeat = client.get(url, **headers), client.get(url, **headers)
    assert (repeat.status_code, dict(repeat.items()), repeat.content) == (
        first.status_code,
        dict(first.items()),
        first.content,
    )
    return first, repeat
