"""The portal's "Dampak kerja sama" page over the small network: the form, its mistakes answered on
the form naming the field, a run in the background to the same answer `run_live_impact` gives,
the stale-run rule, the downloads, and the agreements page's link to a prefilled form."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jalin.geo import get_atlas, get_resolver
from jalin.impact import AgreementTerms, Proposal
from jalin.registry.access import CLI_ADMIN
from jalin.services import impact_runs as runs
from jalin.services import registry as reg
from jalin.services.impact import live_today, run_live_impact
from jalin.storage import impact_runs as store
from jalin.storage.uow import unit_of_work
from tests.portal_network_world import NetWorld, net_world
from tests.portal_world import csrf_of
from tests.uow import in_uow

__all__ = ["net_world"]

ORIGINS = "31.71.06, 74.71.01"


@contextmanager
def _client(w: NetWorld, role: str) -> Iterator[TestClient]:
    c = w.client(role)
    try:
        yield c
    finally:
        c.__exit__(None, None, None)


def _pair(w: NetWorld) -> tuple[str, str]:
    """Two carriers of the network without an agreement today."""
    today = live_today(w.state).network
    active = {frozenset(p[:2]) for p in today.pairs}
    ids = today.carrier_ids
    return next((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :] if frozenset((a, b)) not in active)


def _form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"asal": "ketik", "kecamatan_asal": ORIGINS, "peringkat": "ya"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _post(client, data: dict[str, Any]):  # type: ignore[no-untyped-def]
    csrf = csrf_of(client.get("/portal/dampak").text)
    return client.post("/portal/dampak", data={**data, "csrf": csrf}, follow_redirects=False)


def _error(html: str) -> str:
    found = re.search(r'id="impact-error"><strong>([^<]+)</strong>', html)
    assert found, html[:2000]
    return found.group(1)


def test_the_form_lists_the_carriers_and_takes_a_pair_from_the_link(net_world):
    w = net_world
    a, b = _pair(w)
    with _client(w, "dpw") as c:
        r = c.get(f"/portal/dampak?a={a}&b={b}&biaya=1500")
        assert r.status_code == 200
        html = r.text
    assert "Dampak kerja sama" in html and 'href="/portal/dampak" aria-current="page"' in html
    for cid in live_today(w.state).network.carrier_ids:
        assert f'<option value="{cid}"' in html
    assert re.search(rf'id="kurir_a".*?<option value="{a}" selected', html, re.S)
    assert re.search(rf'id="kurir_b".*?<option value="{b}" selected', html, re.S)
    assert 'name="biaya" value="1500"' in html
    assert "Belum ada hitungan." in html


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"kurir_a": "{a}", "kurir_b": "{a}"}, "kurir_b", "Kurir Y: kurir yang sama dipilih dua kali"),
        ({"kurir_a": "{a}"}, "kurir_b", "Kurir Y: perjanjian butuh dua kurir"),
        ({"kurir_a": "ZZZ", "kurir_b": "{b}"}, "kurir_a", "Kurir X: Usulan menyebut kurir yang tidak ada"),
        ({"kurir_a": "{a}", "kurir_b": "{b}", "biaya": "seribu"}, "biaya", "Biaya serah terima per paket"),
        (
            {"kurir_a": "{a}", "kurir_b": "{b}", "kecamatan": "32.73.99"},
            "kecamatan",
            "Kecamatan serah terima",
        ),
        ({"kecamatan_asal": "zzqx wqxz"}, "kecamatan_asal", "Kecamatan asal:"),
        ({"asal": "provinsi"}, "provinsi", "Provinsi:"),
        ({"keluar": "ZZZ"}, "keluar", "Kurir yang keluar:"),
        ({"gabung": "99999"}, "gabung", "Feed tersimpan dari permohonan"),
    ],
)
def test_a_mistake_comes_back_on_the_form_naming_the_field(net_world, changes, field, words):
    w = net_world
    a, b = _pair(w)
    data = _form(**{k: v.format(a=a, b=b) for k, v in changes.items()})
    with _client(w, "admin") as c:
        r = _post(c, data)
        assert r.status_code == 422, r.text[:500]
        assert _error(r.text).startswith(words)
        assert re.search(rf'name="{field}"[^>]*aria-invalid="true"', r.text), field
        assert "/portal/dampak/" not in r.headers.get("location", "")
    with unit_of_work(w.engine) as uow:
        assert store.recent_runs(uow.conn, 5) == []  # nothing stored
    with _client(w, "admin") as c:
        c.cookies.set("jalin_lang", "en")
        english = _error(_post(c, data).text)
    assert english != _error(r.text) and english.split(":")[0] in {
        "Carrier X",
        "Carrier Y",
        "Handover fee per parcel (Rp)",
        "Handover districts (optional)",
        "Origin districts",
        "Provinces",
        "Carrier leaving",
        "Stored feed of a pending application",
    }


def test_a_run_ends_with_the_answer_run_live_impact_gives(net_world, atlas, resolver):
    w = net_world
    a, b = _pair(w)
    with _client(w, "dpw") as c:
        r = _post(c, _form(kurir_a=a, kurir_b=b, biaya="Rp1.500"))
        assert r.status_code == 303, r.text[:500]
        url = r.headers["location"]
        run_id = int(url.rsplit("/", 1)[1])
        assert c.app.state.impact_runs.wait(120)
        page = c.get(url)
        assert page.status_code == 200
        c.cookies.set("jalin_lang", "en")
        english = c.get(url).text
        c.cookies.set("jalin_lang", "id")
        stored = c.get(f"{url}/json").json()
        rows = list(csv.DictReader(c.get(f"{url}/csv").text.splitlines()))
        ranking = c.get(f"{url}/peringkat").text.splitlines()
    expected = run_live_impact(
        w.state,
        Proposal(add=(AgreementTerms(a, b, 1500),)),
        runs.Question(origins="typed", typed=tuple(ORIGINS.split(", "))).impact_input(),
        atlas=atlas,
        resolver=resolver,
        workers=1,
    )
    for key in ("national", "provinces", "districts", "scenarios", "ranking", "proposal", "origins"):
        assert stored[key] == expected[key], key
    n = expected["national"]
    html = page.text
    assert 'http-equiv="refresh"' not in html and "Sedang dihitung" not in html
    figure = re.search(r'id="fig-new-districts">([^<]+)<', html)
    assert figure and figure.group(1) == str(n["newly_reachable_districts"])
    assert re.search(r'id="fig-faster">([^<]+)<', html).group(1) == f"{n['faster_pairs']:,}".replace(",", ".")  # type: ignore[union-attr]
    assert f"{a} dan {b} bersepakat (Rp1.500 per paket)" in html
    assert f"{a} and {b} sign (Rp1.500 per parcel)" in english and "districts newly reachable" in english
    assert 'id="peta-data"' in html and f'href="/portal/dampak/{run_id}/csv"' in html
    assert len(rows) == len(atlas.districts()) and set(rows[0]) >= {"code", "gains", "rupiah_saved"}
    assert ranking[0].startswith("rank,carrier_a,carrier_b,stage") and len(ranking) == 1 + len(
        expected["ranking"]["pairs"]
    )
    # The run is on the list of recent runs, done, for another officer too.
    with _client(w, "dpd") as c:
        listed = c.get("/portal/dampak").text
    assert f'href="/portal/dampak/{run_id}"' in listed and "selesai" in listed


def test_a_run_not_yet_done_says_so_and_reloads_itself(net_world):
    w = net_world
    q = runs.Question(origins="typed", typed=("31.71.06",), rank=0)
    run_id = runs.submit(w.engine, CLI_ADMIN, w.state, get_atlas(), get_resolver(), q)
    with _client(w, "admin") as c:
        html = c.get(f"/portal/dampak/{run_id}").text
        assert "Sedang dihitung" in html and '<meta http-equiv="refresh" content="3">' in html
        assert "menunggu giliran" in html
        assert c.get(f"/portal/dampak/{run_id}/json").status_code == 404
    assert runs.execute(w.engine, w.state, get_atlas(), get_resolver(), run_id, workers=1) == "done"
    # A second worker finding it done leaves it alone.
    assert runs.execute(w.engine, w.state, get_atlas(), get_resolver(), run_id, workers=1) == "done"
    with _client(w, "admin") as c:
        html = c.get(f"/portal/dampak/{run_id}").text
    assert "Sedang dihitung" not in html and 'id="impact-figures"' in html


def store_run(w, run_id: int) -> store.RunRow:
    with unit_of_work(w.engine) as uow:
        row = store.get_run(uow.conn, run_id)
    assert row is not None
    return row


def test_a_run_left_behind_by_a_killed_process_is_marked_failed(net_world):
    w = net_world
    q = runs.Question(origins="typed", typed=("31.71.06",), rank=0)
    queued = runs.submit(w.engine, CLI_ADMIN, w.state, get_atlas(), get_resolver(), q)
    running = runs.submit(w.engine, CLI_ADMIN, w.state, get_atlas(), get_resolver(), q)
    with unit_of_work(w.engine) as uow:
        created = store.get_run(uow.conn, running)
        assert created is not None and store.claim_run(uow.conn, running, created.created_at)
    started = created.created_at  # claimed "now" at its creation time
    soon = started + runs.RUNNING_STALE_AFTER - timedelta(seconds=1)
    later = started + runs.RUNNING_STALE_AFTER + timedelta(seconds=1)
    assert runs.read(w.engine, CLI_ADMIN, running, now=soon).status == "running"
    stale = runs.read(w.engine, CLI_ADMIN, running, now=later)
    assert (stale.status, stale.error) == ("failed", runs.STALE_ERROR) and stale.finished_at == later
    # A queued run waits its turn longer than a running one may run: still queued at `later`, in
    # the list and read alone, and failed only once it has waited `QUEUED_STALE_AFTER`.
    listed = {r.id: r.status for r in runs.recent(w.engine, CLI_ADMIN, now=later)}
    assert listed[queued] == "queued" and listed[running] == "failed"
    asked = store_run(w, queued).created_at
    assert (
        runs.read(
            w.engine, CLI_ADMIN, queued, now=asked + runs.QUEUED_STALE_AFTER - timedelta(seconds=1)
        ).status
        == "queued"
    )
    much_later = asked + runs.QUEUED_STALE_AFTER + timedelta(seconds=1)
    listed = {r.id: r.status for r in runs.recent(w.engine, CLI_ADMIN, now=much_later)}
    assert listed[queued] == "failed"
    # A late answer does not overwrite the failure.
    with unit_of_work(w.engine) as uow:
        assert not store.finish_run(uow.conn, running, "{}", later)
    assert runs.execute(w.engine, w.state, get_atlas(), get_resolver(), queued) == "failed"
    with _client(w, "dpw") as c:
        html = c.get(f"/portal/dampak/{running}").text
    assert "Hitungan ini gagal." in html and "restarted" in html and 'http-equiv="refresh"' not in html


def test_a_run_whose_proposal_no_longer_applies_fails_with_the_reason(net_world):
    w = net_world
    a, b = _pair(w)
    q = runs.Question(add=(runs.Terms(a, b, 0),), origins="typed", typed=("31.71.06",), rank=0)
    run_id = runs.submit(w.engine, CLI_ADMIN, w.state, get_atlas(), get_resolver(), q)
    members = {m.carrier_id: m.id for m in in_uow(w.engine, reg.list_members, CLI_ADMIN) if m.carrier_id}
    in_uow(
        w.engine,
        reg.create_agreement,
        CLI_ADMIN,
        get_atlas(),
        title="Sudah aktif",
        kind="interline_handover",
        parties=[members[a], members[b]],
        stage="active",
    )
    assert runs.execute(w.engine, w.state, get_atlas(), get_resolver(), run_id) == "failed"
    assert "already have an agreement" in (runs.read(w.engine, CLI_ADMIN, run_id).error or "")


def test_the_agreements_page_links_a_pending_pair_to_its_impact(net_world):
    w = net_world
    a, b = _pair(w)
    members = {m.carrier_id: m.id for m in in_uow(w.engine, reg.list_members, CLI_ADMIN) if m.carrier_id}
    made = in_uow(
        w.engine,
        reg.create_agreement,
        CLI_ADMIN,
        get_atlas(),
        title="Serah terima baru",
        kind="interline_handover",
        parties=[members[a], members[b]],
        fee_per_parcel=2000,
    )
    with _client(w, "admin") as c:
        html = c.get("/portal/perjanjian").text
        item = html.split(f'id="a{made.id}"')[1].split("</li>")[0]
        link = re.search(r'href="(/portal/dampak\?[^"]+)"', item)
        assert link and "Lihat dampak" in item
        form = c.get(link.group(1).replace("&amp;", "&")).text
    pair = sorted((a, b), key=members.__getitem__)  # the parties in the order of their member ids
    assert re.search(rf'id="kurir_a".*?<option value="{pair[0]}" selected', form, re.S)
    assert re.search(rf'id="kurir_b".*?<option value="{pair[1]}" selected', form, re.S)
    assert 'name="biaya" value="2000"' in form
    # An active agreement gets no link (its impact is today's network).
    active = [a_ for a_ in in_uow(w.engine, reg.list_agreements, CLI_ADMIN) if a_.stage == "active"]
    assert active and all(
        "Lihat dampak" not in html.split(f'id="a{x.id}"')[1].split("</li>")[0] for x in active[:5]
    )


def test_the_json_download_is_the_stored_answer(net_world):
    w = net_world
    run_id = w.impact_run()
    with unit_of_work(w.engine) as uow:
        text = store.get_result(uow.conn, run_id)
    with _client(w, "dpw") as c:
        r = c.get(f"/portal/dampak/{run_id}/json")
    assert r.headers["content-disposition"] == f'attachment; filename="dampak-{run_id}.json"'
    assert r.json() == json.loads(text or "")


def test_the_migration_matches_the_impact_runs_table(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from jalin.storage.tables import metadata

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diff if "impact_runs" in repr(d)] == []


def test_a_pending_applications_stored_feed_joins_with_its_neighbours(
    net_world, small_network, atlas, tmp_path
):
    """The joining list offers the stored feed of an open application; a run with it joining
    (signing with every carrier it meets at Rp1.500) equals run_live_impact's answer."""
    from datetime import UTC, datetime

    from jalin.impact import Joining
    from jalin.network.archive import content_hash, pack
    from jalin.network.regional_post import regional_post_feed
    from jalin.network.validator import validate_feed
    from jalin.network.writer import write_feed
    from jalin.registry.access import PUBLIC
    from jalin.services.impact import stored_feed
    from jalin.storage import feeds as feed_store

    w = net_world
    network, _ = small_network
    post = next(f for f in network.feeds if f.carrier_id == "POS")
    feed = regional_post_feed(post, "74", carrier_id="POSST", name="Pos Regional Sulawesi Tenggara")
    result = validate_feed(write_feed(feed, tmp_path / "POSST"), atlas)
    assert result.valid
    # Stored without being activated: the applicant is not a member (nor in the network) yet.
    with unit_of_work(w.engine) as uow:
        version = feed_store.insert_version(
            uow.conn,
            archive=pack(result.files),
            carrier_id="POSST",
            carrier_name=feed.info.carrier_name,
            feed_version=feed.info.feed_version,
            content_hash=content_hash(result.files),
            valid_from=feed.info.valid_from,
            valid_until=feed.info.valid_until,
            services=len(feed.services),
            facilities=len(feed.facilities),
            runs=len(feed.runs),
            warnings=0,
            published_at=datetime.now(UTC),
        )
    application = {
        "legal_name": "PT Pos Indonesia Kantor Regional Sulawesi Tenggara",
        "brand": "Pos Regional Sultra",
        "nib": "9120000074001",
        "type": "post",
        "carrier_id": "POSST",
        "regency_code": "74.71",
        "contact_name": "Kepala Kantor Regional",
    }
    in_uow(w.engine, reg.submit_application, PUBLIC, atlas, application)
    with _client(w, "admin") as c:
        html = c.get("/portal/dampak").text
        assert f'<option value="{version}">Pos Regional Sultra (POSST, ' in html
        r = _post(c, _form(gabung=str(version), biaya_tetangga="1.500", peringkat=None))
        assert r.status_code == 303, _error(r.text)
        assert c.app.state.impact_runs.wait(120)
        stored = c.get(f"{r.headers['location']}/json").json()
        page = c.get(r.headers["location"]).text
    expected = run_live_impact(
        w.state,
        Proposal(join=(Joining(stored_feed(w.engine, version, atlas), 1500),)),
        runs.Question(origins="typed", typed=tuple(ORIGINS.split(", ")), rank=0).impact_input(),
        atlas=atlas,
        resolver=get_resolver(),
        workers=1,
    )
    assert stored["proposal"]["join"][0]["carrier_id"] == "POSST"
    assert stored["proposal"]["join"][0]["agreements_added"]  # it meets the post at least
    for key in ("national", "districts", "proposal"):
        assert stored[key] == expected[key], key
    assert (
        f"anggota bergabung (feed #{version}) dan teken dengan kurir yang ditemuinya (Rp1.500 per paket)"
        in page
    )
