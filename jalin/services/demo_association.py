"""Demo data for the association: what `make demo` loads into the registry on its first run.

The DPP and 38 DPWs, a DPD wherever a member lives, every generated carrier as a member (the
national post with its regional units), the generator's interline pairs as agreements in every
stage (most of them active, so they drive quotes), the meetings the association held with the
national post in Magelang, Jambi, Riau, Sulawesi Tenggara and Jawa Barat with their follow-ups,
and the pending application of the post's Jawa Barat regional office.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from jalin.geo.atlas import Atlas, Level
from jalin.i18n import t
from jalin.network.agreements import read_agreements
from jalin.network.model import Feed
from jalin.registry.access import CLI_ADMIN
from jalin.registry.rules import ActionStatus, AgreementStage
from jalin.services import registry as svc
from jalin.services.registry_import import import_interline, members_for_feeds
from jalin.storage import meetings as store
from jalin.storage.uow import UnitOfWork

#: Every 20 pairs: one exploring, one negotiating, one signed, one suspended, one ended; the rest active.
_STAGES = {
    0: AgreementStage.EXPLORING,
    1: AgreementStage.NEGOTIATING,
    2: AgreementStage.SIGNED,
    3: AgreementStage.SUSPENDED,
    4: AgreementStage.ENDED,
}

_MEETINGS = [
    (
        "33.08",
        "Kantor Pos Magelang",
        "Kabupaten Magelang",
        "33",
        "Titik serah terima bersama di kantor pos kecamatan; jadwal penjemputan UMKM",
        "Uji coba serah terima di 3 kantor pos mulai bulan depan",
    ),
    (
        "15",
        "Kantor Regional Pos Jambi",
        "Provinsi Jambi",
        "15",
        "Jangkauan kecamatan terpencil; tarif antar-kurir",
        "Pos menjadi pengantar akhir untuk kecamatan yang belum dilayani anggota",
    ),
    (
        "14",
        "Pekanbaru",
        "Provinsi Riau",
        "14",
        "Integrasi data pelacakan; satu nomor resi induk",
        "Anggota DPW Riau siap mengirim event pelacakan lewat Jalin",
    ),
    (
        "74",
        "Kendari",
        "Provinsi Sulawesi Tenggara",
        "74",
        "Kerja sama serah terima di Kendari dan Kolaka",
        "Perjanjian serah terima disiapkan untuk ditandatangani",
    ),
    (
        "32",
        "Kantor Regional Pos Bandung",
        "Provinsi Jawa Barat",
        "32",
        "Keanggotaan kantor regional Pos; jaringan bersama Jawa Barat",
        "Kantor Regional Pos Jawa Barat menyatakan siap bergabung dan mengajukan permohonan",
    ),
]


def seed_association(uow: UnitOfWork, atlas: Atlas, feeds: list[Feed], network_folder: Path) -> str:
    """Load the demo association once, in the caller's unit of work; later runs leave what is
    there (returns a one-line summary)."""
    if store.has_meetings(uow.conn):
        return t("demo.association_loaded")
    who = CLI_ADMIN
    svc.ensure_structure(uow, atlas)
    ids = members_for_feeds(uow, who, atlas, feeds)
    post = ids.get("POS")
    provinces = {p.code: p.name for p in atlas.areas(Level.PROVINCE)}
    if post is not None:
        for code in sorted(
            {f.area_code[:2] for feed in feeds if feed.carrier_id == "POS" for f in feed.facilities.values()}
        ):
            svc.add_unit(uow, who, atlas, post, f"Pos Indonesia Regional {provinces[code]}", code)
    svc.add_officer(uow, who, board_code="DPP", name="Ketua Umum DPP", position="Ketua Umum")
    for _, _, _, province, _, _ in _MEETINGS:
        svc.add_officer(
            uow, who, board_code=province, name=f"Ketua DPW {provinces[province]}", position="Ketua"
        )
    pairs = read_agreements(network_folder / "agreements.csv")
    n = import_interline(
        uow,
        who,
        atlas,
        pairs,
        ids,
        stage_of={i: _STAGES[i % 20] for i in range(len(pairs)) if i % 20 in _STAGES},
    )
    today = date.today()
    by_province: dict[str, list[int]] = {}
    for m in svc.list_members(uow, who):
        by_province.setdefault(m.province_code, []).append(m.id)
    for i, (host, place, region, province, topics, outcomes) in enumerate(_MEETINGS):
        if len(host) > 2:
            svc.ensure_dpd(uow, atlas, host)
        participants = ([post] if post else []) + by_province.get(province, [])[:4]
        meeting = svc.create_meeting(
            uow,
            who,
            held_on=today - timedelta(days=60 - 10 * i),
            place=place,
            host=host,
            member_ids=participants,
            partners=f"Pos Indonesia, kantor {region}",
            topics=topics,
            outcomes=outcomes,
        )
        svc.add_action(
            uow,
            who,
            meeting.id,
            description=f"Susun draf perjanjian ({region})",
            owner=f"DPW {provinces[province]}",
            due_on=today - timedelta(days=5 + i),
        )
        done = svc.add_action(
            uow,
            who,
            meeting.id,
            description="Kirim daftar kecamatan layanan",
            owner="Pos Indonesia",
            due_on=today - timedelta(days=20),
        )
        svc.set_action_status(uow, who, done.id, ActionStatus.DONE)
        svc.add_action(
            uow,
            who,
            meeting.id,
            description="Uji coba serah terima dan laporan hasil",
            owner="Anggota peserta",
            due_on=today + timedelta(days=30),
        )
    svc.submit_application(
        uow,
        who,
        atlas,
        {
            "legal_name": "PT Pos Indonesia Kantor Regional Jawa Barat",
            "brand": "Pos Regional Jawa Barat",
            "nib": "9120000032001",
            "type": "post",
            "carrier_id": None,
            "regency_code": "32.73",
            "contact_name": "Kepala Kantor Regional Jawa Barat",
            "contact_email": "regional.jabar@example.id",
        },
    )
    return t("demo.association", members=len(ids), agreements=n, meetings=len(_MEETINGS))
