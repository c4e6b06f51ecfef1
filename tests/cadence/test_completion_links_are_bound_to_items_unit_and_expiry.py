"""Completion links: a token grants exactly its items of its unit until its expiry; any change
to it, another secret, a later moment or a revocation refuses it."""
from __future__ import annotations

import base64
import datetime as dt
import stat
from pathlib import Path

import pytest

from cadence.config import WEB_SECRET_ENV, parse_config
from cadence.errors import CadenceError
from cadence.links import (LinkError, LinkProblem, completion_url, digest_of, link_key, make_token, read_token,
                           request_fresh_link, revoke_link, revoke_links, server_secret, token_of, verify_link)
from cadence.store.access import LinkRequestRow
from cadence.store.models import UnitRow

NOW = dt.datetime(2025, 9, 15, 1, 0, tzinfo=dt.timezone.utc)
KEY = b"k" * 32


def _config(tmp_path: Path, secret: str | None = "s" * 40, **web):
    environ = {WEB_SECRET_ENV: secret} if secret else {}
    return parse_config({"web": web}, path=tmp_path / "config.toml", environ=environ)


def _raw(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


def _token(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_a_link_carries_its_items_unit_and_lifetime(tmp_path) -> None:
    config = _config(tmp_path, base_url="https://nhacviec.quangngai.gov.vn/", link_days=14)
    url = completion_url(config, [1_234_567, 42, 42, 2_000_000], 96, NOW)
    assert url.startswith("https://nhacviec.quangngai.gov.vn/l/")
    link = read_token(link_key(config), token_of(url), NOW)
    assert link.item_ids == (42, 1_234_567, 2_000_000) and link.unit_id == 96
    assert (link.issued_at, link.expires_at) == (NOW, NOW + dt.timedelta(days=14))


def test_a_link_for_one_item_is_short_enough_for_an_sms(tmp_path) -> None:
    token = token_of(completion_url(_config(tmp_path), [3_000_000], 3_400, NOW))
    assert len(token) <= 45  # a Vietnamese SMS segment is 70 characters


def test_every_changed_byte_is_refused() -> None:
    raw = _raw(make_token(KEY, [10, 11], 7, NOW, NOW + dt.timedelta(days=1)))
    for position in range(len(raw)):
        for bit in (0x01, 0x80):
            changed = raw[:position] + bytes([raw[position] ^ bit]) + raw[position + 1:]
            with pytest.raises(LinkError) as refused:
                read_token(KEY, _token(changed), NOW)
            assert refused.value.problem is LinkProblem.FORGED and refused.value.link is None


def test_a_signature_moved_onto_another_unit_or_other_items_is_refused() -> None:
    genuine = _raw(make_token(KEY, [10], 7, NOW, NOW + dt.timedelta(days=1)))
    other = _raw(make_token(KEY, [11], 8, NOW, NOW + dt.timedelta(days=1)))
    grafted = other[:-16] + genuine[-16:]
    with pytest.raises(LinkError, match="forged"):
        read_token(KEY, _token(grafted), NOW)


@pytest.mark.parametrize("token", ["", "x", "not a token at all", "AAAA", "////", "é" * 40])
def test_garbage_is_refused_as_forged(token: str) -> None:
    with pytest.raises(LinkError, match="forged"):
        read_token(KEY, token, NOW)


def test_a_link_made_with_another_secret_is_refused() -> None:
    token = make_token(b"another-secret-entirely", [10], 7, NOW, NOW + dt.timedelta(days=1))
    with pytest.raises(LinkError, match="forged"):
        read_token(KEY, token, NOW)


def test_a_link_expires_at_its_moment_and_still_names_its_unit() -> None:
    token = make_token(KEY, [10], 7, NOW, NOW + dt.timedelta(days=14))
    assert read_token(KEY, token, NOW + dt.timedelta(days=14, seconds=-1)).unit_id == 7
    with pytest.raises(LinkError) as refused:
        read_token(KEY, token, NOW + dt.timedelta(days=14))
    assert refused.value.problem is LinkProblem.EXPIRED and refused.value.link.unit_id == 7


def test_revocation_by_link_by_unit_and_of_everything(tmp_path, store) -> None:
    config = _config(tmp_path)
    first, other_unit = (token_of(completion_url(config, [1], unit, NOW)) for unit in (7, 8))
    with store.transaction() as session:
        revoke_link(session, first, now=NOW, reason="gửi nhầm")
    with store.transaction() as session:
        _refused(session, config, first, LinkProblem.REVOKED)
        _refused(session, config, _respelled(first), LinkProblem.REVOKED)
        assert verify_link(session, config, other_unit, NOW).unit_id == 8
        revoke_links(session, unit_id=None, now=NOW + dt.timedelta(minutes=1))
        _refused(session, config, other_unit, LinkProblem.REVOKED)
        later = token_of(completion_url(config, [1], 8, NOW + dt.timedelta(minutes=2)))
        assert verify_link(session, config, later, NOW + dt.timedelta(minutes=2)).unit_id == 8


def _refused(session, config, token: str, problem: LinkProblem) -> None:
    with pytest.raises(LinkError) as refused:
        verify_link(session, config, token, NOW + dt.timedelta(minutes=1))
    assert refused.value.problem is problem


def _respelled(token: str) -> str:
    """The same bytes written differently: base64's unused low bits of the last character set."""
    raw = _raw(token)
    if len(raw) % 3 == 0:
        return token + "\n"  # no spare bits; whitespace around a token is ignored too
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    spare = 4 if len(raw) % 3 == 1 else 2
    last = alphabet.index(token[-1]) | ((1 << spare) - 1)
    respelled = token[:-1] + alphabet[last]
    assert respelled != token and digest_of(respelled) == digest_of(token)
    return respelled


def test_a_unit_may_ask_for_a_fresh_link_once_an_interval(tmp_path, store) -> None:
    config = _config(tmp_path)
    with store.transaction() as session:
        unit = UnitRow(code="xa-tinh-son", name="Xã Tịnh Sơn", level="commune")
        session.add(unit)
    link = read_token(link_key(config), token_of(completion_url(config, [1], unit.id, NOW)), NOW)
    hour = dt.timedelta(hours=1)
    with store.transaction() as session:
        first, at = request_fresh_link(session, link, now=NOW, min_interval=hour)
        request = session.get(LinkRequestRow, first)
        assert (request.unit_id, request.item_ids, at) == (unit.id, [1], NOW)
        assert request_fresh_link(session, link, now=NOW + hour / 2, min_interval=hour) == (None, NOW)
        assert request_fresh_link(session, link, now=NOW + hour, min_interval=hour)[0] is not None


def test_the_secret_file_is_made_once_readable_by_its_owner_only(tmp_path) -> None:
    config = _config(tmp_path, secret=None)
    first = server_secret(config)
    path = tmp_path / "web-secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(first) >= 32
    assert server_secret(_config(tmp_path, secret=None)) == first == path.read_bytes().strip()


def test_a_short_secret_is_refused_with_the_setting_named(tmp_path) -> None:
    with pytest.raises(CadenceError, match=WEB_SECRET_ENV):
        server_secret(_config(tmp_path, secret="short"))
