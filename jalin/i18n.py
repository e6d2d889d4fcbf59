"""The message catalogue: user-facing text in Bahasa Indonesia (default) and English.

One typed table: every key has both languages (a test checks it), including one entry per
error code (`error.<code>`, the sentence shown to a person; the error's own `message` carries
the specifics in English). The language comes from `JALIN_LANG` through the settings.

Long by nature: it is the table of every user-facing sentence (add to it, never elsewhere);
the functions below it are a few lines.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum

from jalin.settings import Settings

_MESSAGES: dict[str, dict[str, str]] = {
    "cli.allowed": {"id": "Yang boleh: {values}.", "en": "Allowed: {values}."},
    "db.not_upgraded": {
        "id": "Basis data ini belum disiapkan: jalankan dulu `jalin db upgrade`.",
        "en": "This database has no schema yet: run `jalin db upgrade` first.",
    },
    "db.upgraded": {
        "id": "Basis data mutakhir (revisi {rev}).",
        "en": "Database is up to date (revision {rev}).",
    },
    "geo.loaded": {
        "id": "Geografi: {provinces} provinsi, {regencies} kabupaten/kota, {districts} kecamatan, "
        "{villages} kelurahan/desa, {postal} kode pos.",
        "en": "Geography: {provinces} provinces, {regencies} regencies/cities, {districts} districts, "
        "{villages} villages, {postal} postal codes.",
    },
    "geo.points": {
        "id": "Titik koordinat: {exact} kecamatan cocok nama, {approx} perkiraan (dari kabupaten/provinsi).",
        "en": "Coordinates: {exact} districts matched by name, {approx} approximate (regency/province).",
    },
    "status.booked": {"id": "Dipesan, belum diambil", "en": "Booked, not yet collected"},
    "status.picked_up": {"id": "Diambil dari pengirim", "en": "Collected from the shipper"},
    "status.departed": {"id": "Berangkat dari fasilitas", "en": "Left a facility"},
    "status.arrived": {"id": "Tiba di fasilitas", "en": "Arrived at a facility"},
    "status.handed_over": {"id": "Diserahkan ke kurir berikutnya", "en": "Handed to the next carrier"},
    "status.out_for_delivery": {"id": "Dibawa kurir untuk diantar", "en": "Out for delivery"},
    "status.delivery_failed": {"id": "Gagal diantar", "en": "Delivery attempt failed"},
    "status.delivered": {"id": "Diterima", "en": "Delivered"},
    "status.returning": {"id": "Dikembalikan ke pengirim", "en": "Returning to the shipper"},
    "status.returned": {"id": "Kembali ke pengirim", "en": "Back with the shipper"},
    "status.exception": {"id": "Ada kendala", "en": "Exception"},
    "status.cancelled": {"id": "Dibatalkan", "en": "Cancelled"},
    "geo.stored": {"id": "Tabel wilayah: {added} baris baru.", "en": "Regions table: {added} new rows."},
    "geo.unknown": {"id": "Kode wilayah {code} tidak dikenal.", "en": "Unknown region code {code}."},
    "geo.no_match": {"id": "Tidak ada wilayah bernama '{q}'.", "en": "No region named '{q}'."},
    "serve.at": {
        "id": "Jalin berjalan di http://{host}:{port} (cek ongkir: /, daftar anggota: /daftar, API: /docs). "
        "Tekan Ctrl-C untuk berhenti.",
        "en": "Jalin serving on http://{host}:{port} (price check: /, apply: /daftar, API docs: /docs). "
        "Press Ctrl-C to stop.",
    },
    "webhooks.created": {
        "id": "Webhook {id} terdaftar untuk {url}. Simpan secret di bawah: hanya ditampilkan sekali.",
        "en": "Webhook {id} registered for {url}. Keep the secret below: it is shown only once.",
    },
    "webhooks.deleted": {"id": "Webhook {id} dihapus.", "en": "Webhook {id} deleted."},
    "webhooks.enabled": {
        "id": "Webhook {id} aktif lagi; hitungan gagal beruntun mulai dari nol.",
        "en": "Webhook {id} enabled again; its failure streak starts from zero.",
    },
    "webhooks.queued": {
        "id": "Pesan {message} untuk webhook {id} diantrekan; jalin worker mengirimnya.",
        "en": "Message {message} for webhook {id} queued; jalin worker delivers it.",
    },
    "webhooks.bad_member": {
        "id": "Anggota '{ref}' tidak terbaca; tulis seperti M0012.",
        "en": "Member '{ref}' is unreadable; write it like M0012.",
    },
    "worker.beside": {
        "id": "Worker webhook berjalan di samping server (pid {pid}); berhenti bersama server.",
        "en": "Webhook worker running beside the server (pid {pid}); it stops with the server.",
    },
    "worker.done": {
        "id": "Worker berhenti setelah {n} percobaan kirim.",
        "en": "Worker stopped after {n} attempts.",
    },
    "confidence.high": {"id": "tinggi", "en": "high"},
    "confidence.medium": {"id": "sedang", "en": "medium"},
    "confidence.low": {"id": "rendah", "en": "low"},
    "confidence.none": {"id": "tidak cocok", "en": "none"},
    "quote.read_from": {
        "id": "(dibaca dari '{query}', keyakinan {confidence})",
        "en": "(read from '{query}', confidence {confidence})",
    },
    "quote.ready": {"id": "Siap dijemput: {at} · {weight} kg", "en": "Ready: {at} · {weight} kg"},
    "quote.handovers.agreements": {
        "id": "serah terima maks. {n} (antarkurir yang punya perjanjian)",
        "en": "at most {n} handovers (between carriers with an agreement)",
    },
    "quote.handovers.open": {
        "id": "serah terima maks. {n} (semua kurir boleh)",
        "en": "at most {n} handovers (any carriers)",
    },
    "quote.no_route": {"id": "Tidak ada rute", "en": "No route"},
    "quote.options": {
        "id": "{n} pilihan (tak ada yang lebih cepat dan lebih murah sekaligus)",
        "en": "{n} options (none both faster and cheaper than another)",
    },
    "quote.col.arrives": {"id": "Tiba", "en": "Arrives"},
    "quote.col.days": {"id": "Lama", "en": "Takes"},
    "quote.col.price": {"id": "Harga", "en": "Price"},
    "quote.col.handovers": {"id": "Serah terima", "en": "Handovers"},
    "quote.col.carriers": {"id": "Kurir (layanan)", "en": "Carriers (service)"},
    "quote.col.pickup": {"id": "Dijemput", "en": "Pickup"},
    "quote.col.notes": {"id": "Catatan", "en": "Notes"},
    "quote.days": {"id": "{n} hari", "en": "{n} days"},
    "quote.days.same": {"id": "hari ini", "en": "same day"},
    "quote.badge.fastest": {"id": "tercepat", "en": "fastest"},
    "quote.badge.cheapest": {"id": "termurah", "en": "cheapest"},
    "quote.badge.fewest_handovers": {"id": "paling sedikit serah terima", "en": "fewest handovers"},
    "quote.leg.run": {
        "id": "{carrier} {service}: {origin} {departure} → {destination} {arrival}, {price}",
        "en": "{carrier} {service}: {origin} {departure} → {destination} {arrival}, {price}",
    },
    "quote.leg.handover": {
        "id": "⇄ serah terima {giver} → {taker} di {area}, {at}, biaya {fee}",
        "en": "⇄ handover {giver} → {taker} at {area}, {at}, fee {fee}",
    },
    "quote.field.from": {"id": "Asal", "en": "From"},
    "quote.field.to": {"id": "Tujuan", "en": "To"},
    "quote.candidates": {
        "id": "Pilih salah satu dan ulangi dengan kodenya, misalnya --{flag} {code}",
        "en": "Choose one and repeat with its code, e.g. --{flag} {code}",
    },
    "col.regency": {"id": "Kabupaten/kota", "en": "Regency/city"},
    "col.province": {"id": "Provinsi", "en": "Province"},
    "serve.address_in_use": {
        "id": "Tidak bisa memakai {host}:{port}: {reason}. "
        "Hentikan program yang memakainya, atau pilih --port lain.",
        "en": "Cannot serve on {host}:{port}: {reason}. Stop the program using it, or choose another --port.",
    },
    "serve.workers": {
        "id": "{n} proses pekerja berbagi satu snapshot jaringan.",
        "en": "{n} worker processes share one network snapshot.",
    },
    "col.code": {"id": "Kode", "en": "Code"},
    "col.name": {"id": "Nama", "en": "Name"},
    "col.level": {"id": "Tingkat", "en": "Level"},
    "col.place": {"id": "Wilayah", "en": "Place"},
    "col.district": {"id": "Kecamatan", "en": "District"},
    "col.village": {"id": "Kel/Desa", "en": "Village"},
    "col.confidence": {"id": "Keyakinan", "en": "Confidence"},
    "col.zone": {"id": "Zona", "en": "Zone"},
    "col.notes": {"id": "Catatan", "en": "Notes"},
    # Column headers of the operator's tables (registry, feeds, shipments, manifests).
    # What the address resolver says about an answer (jalin.geo.resolve).
    "resolve.empty": {
        "id": "Alamat kosong: tulis nama kecamatan/kelurahan, kode wilayah, atau kode pos.",
        "en": "The address is empty: write a district or village name, a region code or a postal code.",
    },
    "resolve.too_long": {
        "id": "Alamat terlalu panjang ({n} karakter, maksimum {limit}): tulis bagian wilayahnya saja.",
        "en": "The address is too long ({n} characters, at most {limit}): write only its region part.",
    },
    "resolve.unknown_code": {
        "id": "Kode wilayah {code} tidak ada dalam data Kemendagri.",
        "en": "Region code {code} is not in the Kemendagri data.",
    },
    "resolve.unused_postal_code": {
        "id": "Kode pos {postal_code} tidak dipakai kelurahan/desa mana pun.",
        "en": "Postal code {postal_code} is not used by any village.",
    },
    "resolve.postal_code_spans": {
        "id": "Kode pos {postal_code} mencakup {n} kecamatan: {names}.",
        "en": "Postal code {postal_code} spans {n} districts: {names}.",
    },
    "resolve.outside": {
        "id": "{place} tidak terletak di {scope} yang disebut dalam alamat.",
        "en": "{place} does not lie in {scope}, which the address names.",
    },
    "resolve.seat": {
        "id": "{seat} adalah ibu kota {regency}, di Kecamatan {district}.",
        "en": "{seat} is the seat of {regency}, in the district of {district}.",
    },
    "resolve.seat_also": {
        "id": "{seat} juga ibu kota {regency} (Kecamatan {district}): "
        "sebutkan provinsinya bila itu yang dimaksud.",
        "en": "{seat} is also the seat of {regency} ({district} district): "
        "add the province if that is the one meant.",
    },
    "resolve.renamed": {
        "id": "Kecamatan {old} ({regency}) kini bernama {new} (sumber: {source}).",
        "en": "District {old} ({regency}) is now called {new} (source: {source}).",
    },
    "resolve.split": {
        "id": "Kecamatan {old} ({regency}) sudah dimekarkan menjadi {new} (sumber: {source}): "
        "pilih salah satunya.",
        "en": "District {old} ({regency}) was split into {new} (source: {source}): choose one of them.",
    },
    "resolve.choose": {
        "id": "Alamat hanya cocok sampai {place}: pilih salah satu dari {count} {level}nya.",
        "en": "The address only matches down to {place}: choose one of its {count} {level}.",
    },
    "resolve.nothing_known": {
        "id": "Tidak ada nama wilayah yang dikenali dalam alamat ini.",
        "en": "No region name was recognised in this address.",
    },
    "resolve.level.district": {"id": "kecamatan", "en": "districts"},
    "resolve.level.regency": {"id": "kabupaten/kota", "en": "regencies/cities"},
    "resolve.lokal.postal_unknown": {
        "id": "Kode pos {postal_code} tidak terdaftar.",
        "en": "Postal code {postal_code} is not registered.",
    },
    "resolve.lokal.postal_not_of": {
        "id": "Kode pos {postal_code} bukan milik {place} (kode posnya {expected}).",
        "en": "Postal code {postal_code} does not belong to {place} (its postal code is {expected}).",
    },
    "resolve.lokal.postal_outside": {
        "id": "Kode pos {postal_code} tidak berada di {place}.",
        "en": "Postal code {postal_code} is not in {place}.",
    },
    "resolve.lokal.ambiguous": {
        "id": "Alamat ini cocok dengan lebih dari satu wilayah; lihat daftar pilihan.",
        "en": "This address matches more than one place; see the choices.",
    },
    "resolve.lokal.not_in": {
        "id": "{level} {name} tidak ditemukan di {place} menurut data Kemendagri.",
        "en": "{level} {name} was not found in {place} according to the Kemendagri data.",
    },
    "resolve.lokal.not_found": {
        "id": "{level} {name} tidak ditemukan di data Kemendagri.",
        "en": "{level} {name} was not found in the Kemendagri data.",
    },
    "resolve.lokal.typo": {
        "id": '"{written}" dibaca sebagai {place}.',
        "en": '"{written}" was read as {place}.',
    },
    "reg.col.id": {"id": "ID", "en": "ID"},
    "reg.col.brand": {"id": "Merek", "en": "Brand"},
    "reg.col.type": {"id": "Jenis", "en": "Type"},
    "reg.col.carrier_id": {"id": "Kode kurir", "en": "Carrier id"},
    "reg.col.province_code": {"id": "Kode provinsi", "en": "Province code"},
    "reg.col.regency_code": {"id": "Kode kab/kota", "en": "Regency code"},
    "reg.col.status": {"id": "Status", "en": "Status"},
    "reg.col.legal_name": {"id": "Nama badan usaha", "en": "Legal name"},
    "reg.col.title": {"id": "Judul", "en": "Title"},
    "reg.col.kind": {"id": "Jenis", "en": "Kind"},
    "reg.col.stage": {"id": "Tahap", "en": "Stage"},
    "reg.col.parties": {"id": "Pihak", "en": "Parties"},
    "reg.col.fee": {"id": "Biaya", "en": "Fee"},
    "reg.col.held_on": {"id": "Tanggal", "en": "Held on"},
    "reg.col.place": {"id": "Tempat", "en": "Place"},
    "reg.col.partners": {"id": "Mitra", "en": "Partners"},
    "reg.col.topics": {"id": "Topik", "en": "Topics"},
    "reg.col.actions": {"id": "Tindak lanjut", "en": "Follow-ups"},
    "reg.col.description": {"id": "Uraian", "en": "Description"},
    "reg.col.owner": {"id": "Penanggung jawab", "en": "Owner"},
    "reg.col.due_on": {"id": "Tenggat", "en": "Due on"},
    "reg.col.days_overdue": {"id": "Hari terlambat", "en": "Days overdue"},
    "reg.col.province": {"id": "Provinsi", "en": "Province"},
    "reg.col.exploring": {"id": "Penjajakan", "en": "Exploring"},
    "reg.col.negotiating": {"id": "Negosiasi", "en": "Negotiating"},
    "reg.col.signed": {"id": "Ditandatangani", "en": "Signed"},
    "reg.col.active": {"id": "Aktif", "en": "Active"},
    "reg.col.suspended": {"id": "Ditangguhkan", "en": "Suspended"},
    "reg.col.ended": {"id": "Berakhir", "en": "Ended"},
    "reg.col.applicant": {"id": "Pemohon", "en": "Applicant"},
    "reg.col.left": {"id": "Keluar", "en": "Left"},
    "reg.col.meeting_id": {"id": "Rapat", "en": "Meeting"},
    "reg.title.actions": {"id": "Tindak lanjut rapat", "en": "Meeting follow-ups"},
    "meeting.actions_open": {"id": "{open} terbuka dari {total}", "en": "{open} open of {total}"},
    "reg.title.members": {"id": "Anggota", "en": "Members"},
    "reg.title.applications": {"id": "Permohonan keanggotaan", "en": "Membership applications"},
    "reg.title.agreements": {"id": "Perjanjian", "en": "Agreements"},
    "reg.title.meetings": {"id": "Rapat", "en": "Meetings"},
    "reg.title.pipeline": {"id": "Pipeline perjanjian per DPW", "en": "Agreement pipeline per DPW"},
    "reg.title.overdue": {"id": "Tindak lanjut terlambat", "en": "Overdue follow-ups"},
    "reg.title.per_province": {"id": "Anggota per provinsi", "en": "Members per province"},
    "feed.col.severity": {"id": "Tingkat", "en": "Severity"},
    "feed.col.code": {"id": "Kode", "en": "Code"},
    "feed.col.where": {"id": "Berkas:baris", "en": "File:line"},
    "feed.col.field": {"id": "Kolom", "en": "Field"},
    "feed.col.message": {"id": "Pesan", "en": "Message"},
    "feed.more": {
        "id": "… dan {n} temuan lain (lihat --json atau --html).",
        "en": "… and {n} more notices (see --json or --html).",
    },
    "feed.html_report": {"id": "Laporan HTML: {path}", "en": "HTML report: {path}"},
    "feed.col.carrier": {"id": "Kurir", "en": "Carrier"},
    "feed.col.version": {"id": "Versi", "en": "Version"},
    "feed.col.active": {"id": "Aktif", "en": "Active"},
    "feed.col.facilities": {"id": "Fasilitas", "en": "Facilities"},
    "feed.col.runs": {"id": "Rute", "en": "Runs"},
    "feed.col.published": {"id": "Diterbitkan", "en": "Published"},
    "feed.col.hash": {"id": "Hash", "en": "Hash"},
    "feed.col.added": {"id": "Ditambah", "en": "Added"},
    "feed.col.removed": {"id": "Dihapus", "en": "Removed"},
    "feed.col.changed": {"id": "Berubah", "en": "Changed"},
    "feed.diff.services": {"id": "Layanan", "en": "Services"},
    "feed.diff.facilities": {"id": "Fasilitas", "en": "Facilities"},
    "feed.diff.runs": {"id": "Rute", "en": "Runs"},
    "feed.diff.pickup": {"id": "Kecamatan jemput", "en": "Pickup districts"},
    "feed.diff.delivery": {"id": "Kecamatan antar", "en": "Delivery districts"},
    "coverage.pickup": {"id": "Jemput", "en": "Pickup"},
    "coverage.delivery": {"id": "Antar", "en": "Delivery"},
    "coverage.none": {"id": "tidak ada kurir", "en": "no carrier"},
    "coverage.districts": {"id": "Kecamatan", "en": "Districts"},
    "coverage.summary_title": {
        "id": "Jangkauan kurir per provinsi (kecamatan menurut jumlah kurir)",
        "en": "Carrier coverage per province (districts by number of carriers)",
    },
    "ship.sandbox": {"id": "SANDBOX (uji coba)", "en": "SANDBOX"},
    "ship.planned_delivery": {"id": "Rencana tiba: {at}", "en": "Planned delivery: {at}"},
    "ship.col.leg": {"id": "Leg", "en": "Leg"},
    "ship.col.carrier": {"id": "Kurir", "en": "Carrier"},
    "ship.col.from": {"id": "Dari", "en": "From"},
    "ship.col.to": {"id": "Ke", "en": "To"},
    "ship.col.departs": {"id": "Berangkat", "en": "Departs"},
    "ship.col.arrives": {"id": "Tiba", "en": "Arrives"},
    "ship.col.price": {"id": "Harga", "en": "Price"},
    "ship.col.status": {"id": "Status", "en": "Status"},
    "ship.col.carrier_ref": {"id": "Resi kurir", "en": "Carrier ref"},
    "ship.col.number": {"id": "Nomor", "en": "Number"},
    "ship.col.booked": {"id": "Dipesan", "en": "Booked"},
    "ship.col.carriers": {"id": "Kurir", "en": "Carriers"},
    "ship.col.planned_delivery": {"id": "Rencana tiba", "en": "Planned delivery"},
    "ship.handover": {
        "id": "  ⇄ serah terima {seq}: {giver} {giver_facility} → {taker} {taker_facility} ({district}), "
        "{at}, {fee}, {status}, manifest {manifest}",
        "en": "  ⇄ handover {seq}: {giver} {giver_facility} → {taker} {taker_facility} ({district}), "
        "{at}, {fee}, {status}, manifest {manifest}",
    },
    "ship.replayed": {
        "id": "Kunci yang sama: jawaban pertama diulang.",
        "en": "Same key: the first answer is replayed.",
    },
    "ship.next": {"id": "Berikutnya: --cursor {cursor}", "en": "Next page: --cursor {cursor}"},
    "ship.label_written": {"id": "Label {number} → {path}", "en": "Label {number} → {path}"},
    "manifest.col.weight": {"id": "Berat (kg)", "en": "Weight (kg)"},
    "manifest.col.dims": {"id": "Ukuran (cm)", "en": "Size (cm)"},
    "manifest.col.planned": {"id": "Rencana", "en": "Planned"},
    "manifest.col.manifest": {"id": "Manifest", "en": "Manifest"},
    "manifest.col.date": {"id": "Tanggal", "en": "Date"},
    "manifest.col.facility": {"id": "Fasilitas", "en": "Facility"},
    "manifest.col.lines": {"id": "Baris", "en": "Lines"},
    "manifest.col.confirmed": {"id": "Dikonfirmasi", "en": "Confirmed"},
    "manifest.totals": {
        "id": "Total: {shipments} kiriman, {weight} kg, COD {cod}, diserahkan {handed_over}, "
        "batal {cancelled}",
        "en": "Totals: {shipments} shipments, {weight} kg, COD {cod}, handed over {handed_over}, "
        "cancelled {cancelled}",
    },
    "manifest.handed_over": {"id": "Diserahkan: {numbers}", "en": "Handed over: {numbers}"},
    "manifest.missing": {"id": "Tidak dipindai: {numbers}", "en": "Missing: {numbers}"},
    "manifest.unexpected": {"id": "Tidak ada di manifest: {numbers}", "en": "Unexpected: {numbers}"},
    "manifest.written": {"id": "Manifest {id} → {path}", "en": "Manifest {id} → {path}"},
    "level.province": {"id": "provinsi", "en": "province"},
    "level.regency": {"id": "kabupaten/kota", "en": "regency/city"},
    "level.district": {"id": "kecamatan", "en": "district"},
    "level.village": {"id": "kelurahan/desa", "en": "village"},
    "file.missing": {"id": "Berkas {path} tidak ada.", "en": "File {path} does not exist."},
    "cli.role": {
        "id": "--role harus admin, officer atau member.",
        "en": "--role must be admin, officer or member.",
    },
    "cli.dates": {
        "id": "{option} harus tanggal seperti {example}.",
        "en": "{option} must be dates like {example}.",
    },
    "key.created": {
        "id": "Kunci {role} dibuat (prefix {prefix}). Simpan sekarang, tidak akan ditampilkan lagi:",
        "en": "{role} key created (prefix {prefix}). Save it now; it will not be shown again:",
    },
    "key.revoked": {"id": "Dicabut: {prefix}", "en": "Revoked: {prefix}"},
    "application.decided": {"id": "Permohonan {id}: {status}", "en": "Application {id}: {status}"},
    "application.first_key": {
        "id": "Kunci API pertama anggota (simpan sekarang):",
        "en": "The member's first API key (save it now):",
    },
    "application.added": {
        "id": "Permohonan {id} tercatat ({status}); menunggu rekomendasi DPW {province}.",
        "en": "Application {id} recorded ({status}); waiting for the recommendation of DPW {province}.",
    },
    "agreement.moved": {"id": "Perjanjian {id}: {stage}", "en": "Agreement {id}: {stage}"},
    "agreement.added": {
        "id": "Perjanjian {id} dicatat ({stage}).",
        "en": "Agreement {id} recorded ({stage}).",
    },
    "agreements.csv_invalid": {
        "id": "{path}: {problem}; kolom yang diharapkan carrier_a,carrier_b,fee dengan biaya rupiah bulat.",
        "en": "{path}: {problem}; expected columns carrier_a,carrier_b,fee with whole-rupiah fees.",
    },
    "agreements.imported": {
        "id": "{n} perjanjian serah terima aktif dicatat.",
        "en": "{n} active handover agreements recorded.",
    },
    "officer.added": {
        "id": "Pengurus {name} ({position}) ditambahkan.",
        "en": "Officer {name} ({position}) added.",
    },
    "member.added": {
        "id": "Anggota {id} {brand} ({status}) terdaftar di DPD {regency}.",
        "en": "Member {id} {brand} ({status}) registered with DPD {regency}.",
    },
    "member.status": {"id": "Anggota {id}: {status}", "en": "Member {id}: {status}"},
    "document.added": {
        "id": "Dokumen {filename} disimpan (sha256 {sha}…).",
        "en": "Document {filename} stored (sha256 {sha}…).",
    },
    "meeting.added": {"id": "Rapat {id} di {place} dicatat.", "en": "Meeting {id} at {place} recorded."},
    "action.added": {
        "id": "Tindak lanjut {id} ({owner}, jatuh tempo {due}).",
        "en": "Follow-up {id} ({owner}, due {due}).",
    },
    "action.status": {"id": "Tindak lanjut {id}: {status}", "en": "Follow-up {id}: {status}"},
    "no_route.no_pickup": {
        "id": "Tidak ada kurir yang menjemput paket seberat/sebesar ini di kecamatan asal.",
        "en": "No carrier picks up this parcel at the origin district.",
    },
    "no_route.no_delivery": {
        "id": "Tidak ada kurir yang mengantar paket ini ke kecamatan tujuan.",
        "en": "No carrier delivers this parcel to the destination district.",
    },
    "no_route.not_within_horizon": {
        "id": "Ada penjemputan dan pengantaran, tetapi tidak ada rute yang tiba dalam 14 hari.",
        "en": "Pickup and delivery exist, but no route arrives within 14 days.",
    },
    "apply.choose_regency": {
        "id": "Pilih kabupaten/kota Anda dari daftar di bawah.",
        "en": "Choose your regency or city from the list below.",
    },
    "apply.unknown_regency": {
        "id": "Kabupaten/kota tidak dikenal: tulis namanya, misalnya Kota Bandung atau Kabupaten Kolaka.",
        "en": "Unknown regency or city: type its name, e.g. Kota Bandung or Kabupaten Kolaka.",
    },
    "feed.refused": {
        "id": "Feed ditolak: perbaiki semua ERROR lalu terbitkan lagi.",
        "en": "Feed refused: fix every ERROR, then publish again.",
    },
    "feed.inactive": {
        "id": " (tidak aktif; aktifkan: jalin feed activate {carrier} {version})",
        "en": " (not active; activate it: jalin feed activate {carrier} {version})",
    },
    "feed.unchanged": {
        "id": "Tidak ada perubahan: {carrier} {version} sudah diterbitkan dengan isi sama{note}.",
        "en": "No change: {carrier} {version} was already published with the same content{note}.",
    },
    "feed.replacing": {"id": " (menggantikan {version})", "en": " (replacing {version})"},
    "feed.published": {
        "id": "[green]Diterbitkan dan aktif[/]: {carrier} {version}{previous} — {facilities} fasilitas, "
        "{runs} rute, {warnings} WARNING, hash {hash}",
        "en": "[green]Published and active[/]: {carrier} {version}{previous} — {facilities} facilities, "
        "{runs} runs, {warnings} WARNING, hash {hash}",
    },
    "feed.active": {
        "id": "Aktif: {carrier} {version} (hash {hash})",
        "en": "Active: {carrier} {version} (hash {hash})",
    },
    "demo.generated": {
        "id": "Jaringan sintetis '{preset}' (seed {seed}) ditulis ke {out} ({s} s).",
        "en": "Synthetic network '{preset}' (seed {seed}) written to {out} ({s} s).",
    },
    "demo.published": {
        "id": "Feed: {published} diterbitkan, {unchanged} tidak berubah; {facilities} fasilitas, "
        "{runs} rute ({s} s).",
        "en": "Feeds: {published} published, {unchanged} unchanged; {facilities} facilities, "
        "{runs} runs ({s} s).",
    },
    "demo.compiled": {"id": "Planner dikompilasi dalam {s} s.", "en": "Planner compiled in {s} s."},
    "demo.sample": {"id": "Contoh kutipan ({ms} ms):", "en": "Sample quote ({ms} ms):"},
    "demo.interline": {"id": "Rute antarkurir tercepat:", "en": "Fastest interline route:"},
    "demo.association_loaded": {
        "id": "Data asosiasi sudah dimuat sebelumnya.",
        "en": "The association's data was loaded before.",
    },
    "demo.association": {
        "id": "Asosiasi: {members} anggota, {agreements} perjanjian (semua tahap), {meetings} rapat dengan "
        "tindak lanjut, 1 permohonan menunggu (Pos Regional Jawa Barat).",
        "en": "Association: {members} members, {agreements} agreements (every stage), {meetings} meetings "
        "with follow-ups, 1 pending application (Pos Regional Jawa Barat).",
    },
    "resolve.nothing": {
        "id": "Tidak ada alamat: berikan TEXT atau --file.",
        "en": "No address given: pass TEXT or --file.",
    },
    "settlement.line.leg": {
        "id": "Ongkos leg {seq} kiriman {number} ({carrier})",
        "en": "Leg {seq} of shipment {number} ({carrier})",
    },
    "settlement.line.handover_fee": {
        "id": "Biaya serah terima {seq} kiriman {number} (ke {carrier})",
        "en": "Handover fee {seq} of shipment {number} (to {carrier})",
    },
    "settlement.line.cod": {
        "id": "COD kiriman {number} dipungut {carrier}",
        "en": "COD of shipment {number} collected by {carrier}",
    },
    "settlement.kind.leg": {"id": "Ongkos angkut", "en": "Leg"},
    "settlement.kind.handover_fee": {"id": "Biaya serah terima", "en": "Handover fee"},
    "settlement.kind.cod": {"id": "COD", "en": "COD"},
    "settlement.kind.adjustment": {"id": "Penyesuaian", "en": "Adjustment"},
    "settlement.instruction.pay": {
        "id": "Bayar {amount} ke rekening kliring",
        "en": "Pay {amount} to the clearing account",
    },
    "settlement.instruction.receive": {
        "id": "Terima {amount} dari rekening kliring",
        "en": "Receive {amount} from the clearing account",
    },
    "settlement.instruction.none": {
        "id": "Tidak ada transfer untuk periode ini",
        "en": "No transfer for this period",
    },
    "settlement.due": {"id": "Jatuh tempo: {date}", "en": "Due: {date}"},
    "settlement.statement.title": {"id": "Laporan Kliring Jalin", "en": "Jalin clearing statement"},
    "settlement.statement.sheet": {"id": "Laporan", "en": "Statement"},
    "settlement.statement.member": {"id": "Anggota", "en": "Member"},
    "settlement.statement.period": {"id": "Periode", "en": "Period"},
    "settlement.statement.no_lines": {"id": "Tidak ada transaksi", "en": "No lines"},
    "settlement.statement.receivable": {"id": "Total piutang (diterima)", "en": "Total receivable"},
    "settlement.statement.payable": {"id": "Total utang (dibayar)", "en": "Total payable"},
    "settlement.statement.net": {"id": "Neto", "en": "Net"},
    "settlement.status.open": {"id": "terbuka", "en": "open"},
    "settlement.status.closed": {"id": "ditutup", "en": "closed"},
    "settlement.col.number": {"id": "No. kiriman", "en": "Shipment"},
    "settlement.col.kind": {"id": "Jenis", "en": "Kind"},
    "settlement.col.counterparty": {"id": "Pihak lawan", "en": "Counterparty"},
    "settlement.col.description": {"id": "Keterangan", "en": "Description"},
    "settlement.col.recorded_at": {"id": "Dicatat (WIB)", "en": "Recorded (WIB)"},
    "settlement.col.amount": {"id": "Jumlah", "en": "Amount"},
    "settlement.col.gross": {"id": "Bruto", "en": "Gross"},
    "settlement.col.net_total": {"id": "Total neto", "en": "Net total"},
    "settlement.col.status": {"id": "Status", "en": "Status"},
    "settlement.col.dates": {"id": "Tanggal", "en": "Dates"},
    "settlement.col.receivable": {"id": "Piutang", "en": "Receivable"},
    "settlement.col.payable": {"id": "Utang", "en": "Payable"},
    "settlement.col.net": {"id": "Neto", "en": "Net"},
    "settlement.col.member": {"id": "Anggota", "en": "Member"},
    "settlement.figures": {
        "id": "Bruto {gross} · neto {net_total} · rasio netting {ratio} · bilateral {bilateral} · "
        "transfer {transfers} (bilateral {pairs}, hemat {saved})",
        "en": "Gross {gross} · net {net_total} · netting ratio {ratio} · bilateral {bilateral} · "
        "transfers {transfers} (bilateral {pairs}, saved {saved})",
    },
    "settlement.closed": {"id": "Periode {period} ditutup.", "en": "Period {period} closed."},
    "settlement.written": {"id": "Laporan ditulis ke {path}.", "en": "Statement written to {path}."},
    "settlement.bad_member": {
        "id": "Anggota '{member}' tidak dikenali; tulis id-nya (12) atau rujukannya (M0012).",
        "en": "Member '{member}' is not recognised; write its id (12) or reference (M0012).",
    },
}


_ERRORS: dict[str, dict[str, str]] = {
    # CommonErrorCode
    "invalid_request": {
        "id": "Permintaan tidak lengkap atau tidak sah; perbaiki kolom yang disebut.",
        "en": "The request is incomplete or invalid; fix the field named.",
    },
    "invalid_query": {
        "id": "Parameter pencarian tidak sah; perbaiki parameter yang disebut.",
        "en": "A query parameter is invalid; fix the parameter named.",
    },
    "invalid_cursor": {
        "id": "cursor tidak dikenal; pakai next_cursor dari halaman sebelumnya.",
        "en": "Unknown cursor; use next_cursor from the previous page.",
    },
    "unauthorized": {
        "id": "Perlu kunci API (header X-API-Key).",
        "en": "This needs an API key (X-API-Key header).",
    },
    "invalid_api_key": {
        "id": "Kunci API tidak dikenal, salah ketik atau dicabut, atau anggotanya tidak aktif.",
        "en": "The API key is unknown, mistyped or revoked, or its member is not active.",
    },
    "forbidden": {
        "id": "Peran Anda tidak boleh melakukan ini.",
        "en": "Your role may not do this.",
    },
    "not_found": {
        "id": "Tidak ditemukan (atau di luar wilayah yang boleh Anda lihat).",
        "en": "Not found (or outside what you may see).",
    },
    "method_not_allowed": {
        "id": "Metode HTTP ini tidak didukung di alamat ini.",
        "en": "This HTTP method is not supported here.",
    },
    "upload_too_large": {
        "id": "Berkas terlalu besar; kecilkan atau pecah berkasnya.",
        "en": "The upload is too large; make it smaller.",
    },
    "http_error": {"id": "Permintaan HTTP tidak dapat dilayani.", "en": "The HTTP request cannot be served."},
    "database_unavailable": {
        "id": "Basis data tidak dapat dihubungi; coba lagi nanti.",
        "en": "The database is not reachable; try again later.",
    },
    "internal_error": {
        "id": "Terjadi kesalahan di pihak kami; tidak ada yang diubah. Coba lagi nanti.",
        "en": "Something went wrong on our side; nothing was changed. Try again later.",
    },
    # GeoErrorCode
    "unknown_area": {
        "id": "Kode wilayah Kemendagri ini tidak dikenal.",
        "en": "No Kemendagri region has this code.",
    },
    "not_a_district": {
        "id": "Kode ini bukan kecamatan; cakupan dihitung per kecamatan (NN.NN.NN).",
        "en": "This code is not a district; coverage is per district (NN.NN.NN).",
    },
    # FeedErrorCode
    "feed_invalid": {
        "id": "Feed memiliki ERROR; perbaiki semua ERROR lalu terbitkan lagi.",
        "en": "The feed has ERRORs; fix every ERROR and publish again.",
    },
    "feed_version_conflict": {
        "id": "feed_version ini sudah diterbitkan dengan isi berbeda; beri feed_version baru.",
        "en": "This feed_version was already published with different content; give a new feed_version.",
    },
    "unknown_carrier": {
        "id": "Kurir ini belum pernah menerbitkan feed.",
        "en": "This carrier has no published feed.",
    },
    "unknown_feed_version": {
        "id": "Versi feed ini tidak ada; lihat daftar versi yang dikenal.",
        "en": "This feed version does not exist; see the known versions.",
    },
    "carrier_mismatch": {
        "id": "Feed ini milik kurir lain; anggota hanya menerbitkan feed kurirnya sendiri.",
        "en": "This feed is another carrier's; a member publishes its own carrier's feed only.",
    },
    "invalid_archive": {
        "id": "Unggah folder feed sebagai berkas .zip.",
        "en": "Upload the feed folder as a .zip file.",
    },
    # QuoteErrorCode
    "invalid_weight": {
        "id": "Berat harus lebih dari 0 dan paling banyak 1.000 kg, misalnya 2,5.",
        "en": "Weight must be more than 0 and at most 1,000 kg, e.g. 2.5.",
    },
    "invalid_dimensions": {
        "id": "Ukuran ditulis panjang x lebar x tinggi dalam cm, misalnya 30x20x10.",
        "en": "Give the size as length x width x height in cm, e.g. 30x20x10.",
    },
    "invalid_ready_at": {
        "id": "Waktu siap harus memakai zona waktu, misalnya 2026-11-27T09:00+07:00.",
        "en": "The ready time needs a UTC offset, e.g. 2026-11-27T09:00+07:00.",
    },
    "invalid_max_handovers": {
        "id": "Serah terima maksimum antara 0 dan 4.",
        "en": "Maximum handovers is between 0 and 4.",
    },
    "invalid_handover_minutes": {
        "id": "Waktu serah terima antara 0 dan 1.440 menit.",
        "en": "Handover time is between 0 and 1,440 minutes.",
    },
    "unknown_place": {
        "id": "Alamat tidak dikenali: tulis nama kecamatan/kelurahan atau kode pos.",
        "en": "Address not recognised: give the district or village name, or the postal code.",
    },
    "ambiguous_place": {
        "id": "Alamat cocok dengan beberapa tempat: pilih kecamatan yang dimaksud.",
        "en": "The address matches several places: choose the district you mean.",
    },
    # RoutingErrorCode
    "search_too_large": {
        "id": "Pencarian rute terlalu besar untuk batas memori perencana; kurangi serah terima maksimum "
        "atau jangan izinkan serah terima bebas.",
        "en": "The route search is too large for the planner's memory limit; lower the maximum handovers "
        "or do not allow open handovers.",
    },
    # RegistryErrorCode
    "invalid_nib": {
        "id": "NIB (Nomor Induk Berusaha) harus 13 angka yang sah.",
        "en": "The NIB (business number) must be 13 valid digits.",
    },
    "invalid_carrier_id": {
        "id": "carrier_id terdiri dari 2-16 huruf besar A-Z, angka 0-9 atau _.",
        "en": "carrier_id is 2-16 characters of A-Z, 0-9 or _.",
    },
    "invalid_member_type": {
        "id": "Jenis anggota tidak dikenal; pilih courier, express, post, logistics atau freight_forwarder.",
        "en": "Unknown member type; choose courier, express, post, logistics or freight_forwarder.",
    },
    "unknown_region": {
        "id": "Kode wilayah tidak ada atau bukan tingkat yang diminta; cari dengan /v1/areas?q=.",
        "en": "The region code does not exist or is not of the level asked for; search with /v1/areas?q=.",
    },
    "duplicate_carrier_id": {
        "id": "carrier_id ini sudah dipakai anggota lain; pilih yang lain.",
        "en": "This carrier_id already belongs to a member; choose another.",
    },
    "duplicate_nib": {
        "id": "NIB ini sudah terdaftar.",
        "en": "This NIB is already registered.",
    },
    "illegal_transition": {
        "id": "Perubahan status ini tidak diizinkan dari status sekarang; lihat `allowed`.",
        "en": "This status change is not allowed from the current status; see `allowed`.",
    },
    "invalid_agreement": {
        "id": "Isi perjanjian tidak sah; perbaiki bagian yang disebut.",
        "en": "The agreement's terms are invalid; fix the part named.",
    },
    "invalid_filename": {
        "id": "Nama berkas kosong, terlalu panjang atau memuat karakter kendali; ganti nama berkasnya.",
        "en": "The file name is empty, too long or holds control characters; rename the file.",
    },
    # ImpactErrorCode
    "proposal_unknown_carrier": {
        "id": "Usulan menyebut kurir yang tidak ada di jaringan; periksa carrier_id-nya.",
        "en": "The proposal names a carrier that is not in the network; check its carrier_id.",
    },
    "invalid_proposal": {
        "id": "Usulan tidak dapat diterapkan pada jaringan hari ini; perbaiki perubahan yang disebut.",
        "en": "The proposal cannot apply to today's network; fix the change named.",
    },
    "invalid_origins": {
        "id": "Berikan 1 sampai 100 kecamatan asal, atau kosongkan untuk 38 ibu kota provinsi.",
        "en": "Give 1 to 100 origin districts, or none for the 38 province capitals.",
    },
    "unknown_joining_feed": {
        "id": "Versi feed anggota yang bergabung tidak ada; lihat daftar di GET /v1/feeds.",
        "en": "The joining member's feed version does not exist; see GET /v1/feeds.",
    },
    "invalid_rank": {
        "id": "Jumlah pasangan yang diperingkat antara 0 dan 10.",
        "en": "The number of pairs to rank is between 0 and 10.",
    },
    # ShipmentErrorCode
    "idempotency_key_missing": {
        "id": "Header Idempotency-Key wajib untuk pemesanan: satu UUID baru per kiriman.",
        "en": "The Idempotency-Key header is required for bookings: one new UUID per shipment.",
    },
    "invalid_idempotency_key": {
        "id": "Idempotency-Key harus 1-255 karakter ASCII yang tercetak.",
        "en": "Idempotency-Key must be 1-255 printable ASCII characters.",
    },
    "idempotency_key_reused": {
        "id": "Idempotency-Key ini sudah dipakai untuk pemesanan dengan isi lain; pakai kunci baru.",
        "en": "This Idempotency-Key was used for a booking with another body; use a new key.",
    },
    "idempotency_in_progress": {
        "id": "Pemesanan dengan kunci ini masih diproses; coba lagi sebentar lagi.",
        "en": "A booking with this key is still being processed; retry in a moment.",
    },
    "invalid_phone": {
        "id": "Nomor telepon harus nomor seluler Indonesia, mis. 081234567890 atau +6281234567890.",
        "en": "The phone must be an Indonesian mobile number, e.g. 081234567890 or +6281234567890.",
    },
    "invalid_party": {
        "id": "Pengirim dan penerima masing-masing perlu name, phone dan address.",
        "en": "Shipper and recipient each need name, phone and address.",
    },
    "invalid_amount": {
        "id": "Jumlah uang ditulis dalam rupiah bulat, 0 atau lebih, mis. 150000.",
        "en": "Money is whole rupiah, 0 or more, e.g. 150000.",
    },
    "invalid_text": {
        "id": "Teks harus diisi 1 sampai 200 karakter tanpa karakter kontrol.",
        "en": "Text must be 1 to 200 characters without control characters.",
    },
    "invalid_choice": {
        "id": "Pilihan tidak sah: choose adalah fastest, cheapest atau fewest_handovers, atau beri option.",
        "en": "Invalid choice: choose is fastest, cheapest or fewest_handovers (or give an option).",
    },
    "invalid_option": {
        "id": "option harus satu pilihan dari jawaban kutipan, utuh dengan price dan legs.",
        "en": "option must be one option from a quote answer, whole, with its price and legs.",
    },
    "option_unavailable": {
        "id": "Pilihan rute ini tidak lagi ditawarkan; pilih salah satu dari options yang sekarang.",
        "en": "This route option is no longer offered; pick one of the current options.",
    },
    "no_route": {
        "id": "Tidak ada rute untuk kiriman ini; lihat reason.",
        "en": "There is no route for this shipment; see reason.",
    },
    "invalid_number": {
        "id": "Nomor kiriman tidak sah (format JL123456785ID dengan digit periksa); periksa ketikannya.",
        "en": "Not a valid shipment number (format JL123456785ID with its check digit); check for typos.",
    },
    "invalid_carrier_ref": {
        "id": "Nomor resi kurir harus 1-64 karakter ASCII tanpa spasi.",
        "en": "The carrier's waybill number must be 1-64 ASCII characters without spaces.",
    },
    "carrier_ref_taken": {
        "id": "Kurir ini sudah memakai nomor resi itu untuk kiriman lain.",
        "en": "This carrier already uses that waybill number for another shipment.",
    },
    "invalid_filter": {
        "id": "Saringan daftar tidak sah; perbaiki parameter yang disebut.",
        "en": "Invalid list filter; fix the parameter named.",
    },
    "unknown_member": {
        "id": "Anggota ini tidak ada atau tidak aktif; tulis seperti M0012.",
        "en": "This member does not exist or is not active; write it like M0012.",
    },
    "already_moving": {
        "id": "Kiriman sudah dibawa kurir, jadi tidak bisa dibatalkan.",
        "en": "A carrier already has the parcel, so it cannot be cancelled.",
    },
    "not_your_leg": {
        "id": "Leg ini dibawa kurir lain; hanya kurir leg itu yang boleh mengubahnya.",
        "en": "Another carrier carries this leg; only that leg's carrier may change it.",
    },
    "not_receiving_carrier": {
        "id": "Hanya kurir penerima yang mengonfirmasi manifest serah terima.",
        "en": "Only the receiving carrier confirms a handover manifest.",
    },
    "not_booking_member": {
        "id": "Hanya anggota pemesan (atau admin) yang boleh melakukan ini.",
        "en": "Only the booking member (or an admin) may do this.",
    },
    # WebhookErrorCode
    "invalid_webhook_url": {
        "id": "url webhook harus alamat https yang utuh, mis. https://contoh.co.id/jalin/webhook.",
        "en": "The webhook url must be a whole https address, e.g. https://example.co.id/jalin/webhook.",
    },
    "webhook_url_not_allowed": {
        "id": "Alamat webhook mengarah ke alamat IP privat, loopback atau khusus; pakai alamat publik.",
        "en": "The webhook address points to a private, loopback or special IP address; use a public one.",
    },
    "invalid_event_types": {
        "id": 'event_types harus daftar jenis peristiwa yang dikenal, mis. ["shipment.status_changed"].',
        "en": 'event_types must be a list of known event types, e.g. ["shipment.status_changed"].',
    },
    "webhook_disabled": {
        "id": "Webhook ini nonaktif karena gagal terus; aktifkan lagi dulu (POST /v1/webhooks/{id}/enable).",
        "en": "This webhook is disabled after repeated failures; enable it first "
        "(POST /v1/webhooks/{id}/enable).",
    },
    "message_not_found": {
        "id": "Pesan webhook ini tidak ada untuk endpoint tersebut; lihat GET /v1/webhooks/{id}/deliveries.",
        "en": "This webhook message does not exist for that endpoint; see GET /v1/webhooks/{id}/deliveries.",
    },
    "too_many_webhooks": {
        "id": "Satu anggota paling banyak punya 20 endpoint webhook; hapus satu dulu.",
        "en": "A member has at most 20 webhook endpoints; delete one first.",
    },
    # TrackingErrorCode
    "invalid_events": {
        "id": 'Kirim event sebagai {"events": [...]}, satu objek per event.',
        "en": 'Send events as {"events": [...]}, one object per event.',
    },
    "too_many_events": {
        "id": "Paling banyak 1.000 event per permintaan; bagi dalam beberapa permintaan.",
        "en": "At most 1,000 events per request; split them over several requests.",
    },
    "not_a_test_shipment": {
        "id": "Simulasi hanya untuk kiriman uji (dipesan dengan test: true).",
        "en": "The simulation is only for test shipments (booked with test: true).",
    },
    # SettlementErrorCode
    "invalid_period": {
        "id": "Periode harus minggu ISO YYYY-Www (misalnya 2026-W49).",
        "en": "A period is an ISO week YYYY-Www (for example 2026-W49).",
    },
    "period_not_ended": {
        "id": "Periode ini belum berakhir; tutup setelah Senin 00:00 WIB berikutnya.",
        "en": "This period has not ended; close it after the next Monday 00:00 WIB.",
    },
    "period_closed": {
        "id": "Periode ini sudah ditutup dan tidak berubah lagi; catat koreksi sebagai penyesuaian.",
        "en": "This period is closed and never changes; record a correction as an adjustment.",
    },
    "invalid_export_format": {
        "id": "Format tidak didukung; pilih salah satu format yang disebut.",
        "en": "Unsupported format; choose one of the formats listed.",
    },
    "invalid_adjustment": {
        "id": "Penyesuaian tidak sah; perbaiki kolom yang disebut.",
        "en": "The adjustment is invalid; fix the field named.",
    },
    # UserErrorCode
    "invalid_credentials": {
        "id": "Email atau kata sandi salah, atau akun belum aktif.",
        "en": "The e-mail address or the password is wrong, or the account is not active.",
    },
    "too_many_attempts": {
        "id": "Terlalu banyak percobaan masuk yang gagal untuk alamat ini; tunggu 15 menit lalu coba lagi.",
        "en": "Too many failed sign-ins for this address; wait 15 minutes and try again.",
    },
    "csrf_failed": {
        "id": "Formulir ini kedaluwarsa atau tidak berasal dari halaman Jalin; "
        "muat ulang halaman lalu kirim lagi.",
        "en": "This form has expired or did not come from a Jalin page; reload the page and send it again.",
    },
    "weak_password": {
        "id": "Kata sandi minimal 10 karakter dan tidak mudah ditebak; kalimat pendek mudah diingat.",
        "en": "The password needs at least 10 characters and must not be easy to guess; "
        "a short sentence is easy to remember.",
    },
    "email_taken": {
        "id": "Sudah ada pengguna dengan alamat email ini.",
        "en": "A user with this e-mail address already exists.",
    },
    "invalid_invite": {
        "id": "Tautan undangan ini tidak dikenal, sudah dipakai atau kedaluwarsa; minta tautan baru.",
        "en": "This invitation link is unknown, used or expired; ask for a new one.",
    },
    "invalid_email": {
        "id": "Alamat email tidak sah; tulis seperti nama@perusahaan.co.id.",
        "en": "Not a valid e-mail address; write it like name@company.co.id.",
    },
}

# -- the portal (jalin/web/portal, docs/portal.md) ------------------------------------------------
_MESSAGES.update(
    {
        "demo.users": {
            "id": "Portal: masuk di {url} dengan salah satu akun ini",
            "en": "Portal: sign in at {url} with one of these accounts",
        },
        "reg.col.email": {"id": "Email", "en": "E-mail"},
        "reg.col.name": {"id": "Nama", "en": "Name"},
        "reg.col.role": {"id": "Peran", "en": "Role"},
        "reg.col.board_code": {"id": "DPW/DPD", "en": "DPW/DPD"},
        "reg.col.member_id": {"id": "Anggota", "en": "Member"},
        "reg.col.has_password": {"id": "Sudah berkata sandi", "en": "Has a password"},
        "reg.col.disabled_at": {"id": "Nonaktif sejak", "en": "Disabled since"},
        "reg.title.users": {"id": "Pengguna portal", "en": "Portal users"},
        "users.password_prompt": {"id": "Kata sandi", "en": "Password"},
        "users.added": {
            "id": "Pengguna {id} dibuat: {email} ({role}); bisa masuk di /portal/masuk.",
            "en": "User {id} created: {email} ({role}); can sign in at /portal/masuk.",
        },
        "users.invited": {
            "id": "Tautan undangan untuk {email} (sekali pakai, berlaku sampai {expires}):",
            "en": "Invitation link for {email} (works once, until {expires}):",
        },
        "users.disabled": {
            "id": "{email} dinonaktifkan; sesinya berakhir.",
            "en": "{email} disabled; their sessions ended.",
        },
        "users.enabled": {"id": "{email} diaktifkan lagi.", "en": "{email} enabled again."},
        "portal.brand": {"id": "Portal Jalin", "en": "Jalin portal"},
        "portal.skip": {"id": "Langsung ke isi", "en": "Skip to content"},
        "portal.menu": {"id": "Menu", "en": "Menu"},
        "portal.sign_out": {"id": "Keluar", "en": "Sign out"},
        "portal.signed_out": {"id": "Anda sudah keluar.", "en": "You have signed out."},
        "portal.nav.home": {"id": "Beranda", "en": "Home"},
        "portal.nav.shipments": {"id": "Kiriman", "en": "Shipments"},
        "portal.nav.manifests": {"id": "Manifest serah terima", "en": "Handover manifests"},
        "portal.nav.applications": {"id": "Permohonan anggota", "en": "Applications"},
        "portal.nav.members": {"id": "Anggota", "en": "Members"},
        "portal.nav.agreements": {"id": "Perjanjian", "en": "Agreements"},
        "portal.nav.meetings": {"id": "Rapat & tindak lanjut", "en": "Meetings & follow-ups"},
        "portal.nav.company": {"id": "Perusahaan & kunci API", "en": "Company & API keys"},
        "portal.nav.users": {"id": "Pengguna", "en": "Users"},
        "portal.nav.account": {"id": "Akun saya", "en": "My account"},
        "portal.nav.price_check": {"id": "Cek ongkir", "en": "Price check"},
        "portal.nav.apply": {"id": "Daftar anggota", "en": "Apply to join"},
        "portal.role.admin": {"id": "DPP (admin)", "en": "DPP (admin)"},
        "portal.role.officer": {"id": "Pengurus DPW/DPD", "en": "DPW/DPD officer"},
        "portal.role.member": {"id": "Staf anggota", "en": "Member staff"},
        "portal.role.public": {"id": "Publik", "en": "Public"},
        "portal.field.email": {"id": "Email", "en": "E-mail"},
        "portal.field.password": {"id": "Kata sandi", "en": "Password"},
        "portal.field.name": {"id": "Nama", "en": "Name"},
        "portal.field.role": {"id": "Peran", "en": "Role"},
        "portal.field.status": {"id": "Status", "en": "Status"},
        "portal.field.action": {"id": "Tindakan", "en": "Action"},
        "portal.signin.title": {"id": "Masuk ke portal Jalin", "en": "Sign in to the Jalin portal"},
        "portal.signin.who": {
            "id": "Untuk staf anggota, pengurus DPW/DPD dan sekretariat DPP.",
            "en": "For member staff, DPW/DPD officers and the DPP secretariat.",
        },
        "portal.signin.button": {"id": "Masuk", "en": "Sign in"},
        "portal.signin.forgot": {
            "id": "Lupa kata sandi? Minta tautan baru kepada DPP atau admin perusahaan Anda.",
            "en": "Forgot your password? Ask the DPP or your company's admin for a new link.",
        },
        "portal.account.title": {"id": "Akun saya", "en": "My account"},
        "portal.account.change": {"id": "Ganti kata sandi", "en": "Change password"},
        "portal.account.current": {"id": "Kata sandi sekarang", "en": "Current password"},
        "portal.account.new": {"id": "Kata sandi baru", "en": "New password"},
        "portal.account.repeat": {"id": "Ulangi kata sandi baru", "en": "Repeat the new password"},
        "portal.account.rule": {
            "id": "Minimal 10 karakter; kalimat pendek mudah diingat.",
            "en": "At least 10 characters; a short sentence is easy to remember.",
        },
        "portal.account.save": {"id": "Simpan kata sandi", "en": "Save password"},
        "portal.account.others": {
            "id": "Setelah diganti, sesi di perangkat lain berakhir.",
            "en": "After the change, sessions on other devices end.",
        },
        "portal.account.mismatch": {
            "id": "Kedua kata sandi baru tidak sama; ketik ulang.",
            "en": "The two new passwords differ; type them again.",
        },
        "portal.account.changed": {"id": "Kata sandi sudah diganti.", "en": "Your password was changed."},
        "portal.invite.title": {"id": "Buat kata sandi", "en": "Choose a password"},
        "portal.invite.for": {
            "id": "Undangan untuk {name} ({email}). Pilih kata sandi untuk masuk.",
            "en": "Invitation for {name} ({email}). Choose a password to sign in.",
        },
        "portal.invite.button": {"id": "Simpan dan masuk", "en": "Save and sign in"},
        "portal.invite.welcome": {
            "id": "Selamat datang di portal Jalin.",
            "en": "Welcome to the Jalin portal.",
        },
        "portal.error.title": {
            "id": "Tidak dapat dilanjutkan ({status})",
            "en": "Cannot continue ({status})",
        },
        "portal.error.back": {"id": "Kembali ke beranda", "en": "Back to the home page"},
        "portal.home.hello": {"id": "Halo, {name}", "en": "Hello, {name}"},
        "portal.users.title": {"id": "Pengguna", "en": "Users"},
        "portal.users.link_for": {
            "id": "Tautan undangan untuk {email}:",
            "en": "Invitation link for {email}:",
        },
        "portal.users.link_once": {
            "id": "Tautan ini hanya ditampilkan sekali, berlaku 7 hari dan sekali pakai. "
            "Kirimkan sendiri kepada orangnya.",
            "en": "This link is shown once, works for 7 days and only once. Pass it on yourself.",
        },
        "portal.users.state.active": {"id": "aktif", "en": "active"},
        "portal.users.state.invited": {"id": "diundang", "en": "invited"},
        "portal.users.state.disabled": {"id": "nonaktif", "en": "disabled"},
        "portal.users.disable": {"id": "Nonaktifkan", "en": "Disable"},
        "portal.users.enable": {"id": "Aktifkan", "en": "Enable"},
        "portal.users.disabled": {
            "id": "Pengguna dinonaktifkan; semua sesinya berakhir.",
            "en": "User disabled; all their sessions ended.",
        },
        "portal.users.enabled": {"id": "Pengguna diaktifkan lagi.", "en": "User enabled again."},
        "portal.users.invite": {"id": "Undang pengguna", "en": "Invite a user"},
        "portal.users.invite_hint": {
            "id": "Alamat yang sudah terdaftar mendapat tautan baru (juga untuk lupa kata sandi).",
            "en": "An address that already has a user gets a new link (also for a forgotten password).",
        },
        "portal.users.invite_button": {"id": "Buat tautan undangan", "en": "Make an invitation link"},
        "portal.users.board": {"id": "Kode DPW/DPD (pengurus)", "en": "DPW/DPD code (officers)"},
        "portal.users.board_hint": {
            "id": "Kode provinsi untuk DPW (mis. 32) atau kabupaten/kota untuk DPD (mis. 32.73).",
            "en": "A province code for a DPW (e.g. 32) or a regency code for a DPD (e.g. 32.73).",
        },
        "portal.users.member": {"id": "Nomor anggota (staf anggota)", "en": "Member number (member staff)"},
        "portal.all": {"id": "Semua", "en": "All"},
        "portal.filter": {"id": "Tampilkan", "en": "Show"},
        "portal.more": {"id": "Berikutnya", "en": "Next page"},
        "portal.home.today": {"id": "Hari ini {day} (WIB).", "en": "Today {day} (WIB)."},
        "portal.home.handovers": {"id": "Serah terima hari ini", "en": "Today's handovers"},
        "portal.home.incoming": {"id": "manifest masuk", "en": "manifests in"},
        "portal.home.outgoing": {"id": "manifest keluar", "en": "manifests out"},
        "portal.home.late": {"id": "Kiriman terlambat", "en": "Late shipments"},
        "portal.home.follow": {"id": "Tindak lanjut terbuka", "en": "Open follow-ups"},
        "portal.home.manifests_today": {"id": "Manifest hari ini", "en": "Today's manifests"},
        "portal.home.association": {"id": "Asosiasi", "en": "Association"},
        "portal.home.applications": {
            "id": "Permohonan menunggu keputusan",
            "en": "Applications awaiting a decision",
        },
        "portal.home.overdue": {"id": "Tindak lanjut lewat tenggat", "en": "Overdue follow-ups"},
        "portal.home.negotiating": {"id": "Perjanjian dalam negosiasi", "en": "Agreements in negotiation"},
        "portal.shipments.book": {"id": "Pesan kiriman", "en": "Book a shipment"},
        "portal.shipments.booked": {"id": "Kiriman dipesan.", "en": "Shipment booked."},
        "portal.shipments.cancel": {"id": "Batalkan kiriman", "en": "Cancel the shipment"},
        "portal.shipments.cancelled": {"id": "Kiriman dibatalkan.", "en": "Shipment cancelled."},
        "portal.shipments.cancelled_at": {"id": "Dibatalkan", "en": "Cancelled"},
        "portal.shipments.carrier": {"id": "Kurir", "en": "Carrier"},
        "portal.shipments.from_day": {"id": "Dipesan sejak", "en": "Booked from"},
        "portal.shipments.to_day": {"id": "Dipesan sampai", "en": "Booked until"},
        "portal.shipments.from_to": {"id": "Dari → ke", "en": "From → to"},
        "portal.shipments.label": {"id": "Unduh label (PDF)", "en": "Download the label (PDF)"},
        "portal.shipments.late": {"id": "terlambat", "en": "late"},
        "portal.shipments.legs": {"id": "Leg per kurir", "en": "Legs per carrier"},
        "portal.shipments.none": {"id": "Belum ada kiriman yang cocok.", "en": "No matching shipments yet."},
        "portal.shipments.number": {"id": "Nomor kiriman", "en": "Shipment number"},
        "portal.shipments.planned": {"id": "Rencana tiba", "en": "Planned delivery"},
        "portal.shipments.price": {"id": "Harga", "en": "Price"},
        "portal.shipments.recipient": {"id": "Penerima", "en": "Recipient"},
        "portal.shipments.shipper": {"id": "Pengirim", "en": "Shipper"},
        "portal.shipments.reference": {"id": "Referensi Anda", "en": "Your reference"},
        "portal.shipments.route": {"id": "Kurir per leg", "en": "Carriers per leg"},
        "portal.shipments.weight": {"id": "Berat", "en": "Weight"},
        "portal.book.hint": {
            "id": "Alamat, kecamatan atau kode pos; Jalin memilih rute dari cek ongkir saat ini.",
            "en": "An address, district or postal code; Jalin picks the route from the current quote.",
        },
        "portal.book.from": {"id": "Dari", "en": "From"},
        "portal.book.to": {"id": "Ke", "en": "To"},
        "portal.book.weight": {"id": "Berat (kg)", "en": "Weight (kg)"},
        "portal.book.dims": {"id": "Ukuran (cm)", "en": "Size (cm)"},
        "portal.book.choose": {"id": "Pilihan rute", "en": "Route choice"},
        "portal.book.fastest": {"id": "Tercepat", "en": "Fastest"},
        "portal.book.cheapest": {"id": "Termurah", "en": "Cheapest"},
        "portal.book.fewest_handovers": {"id": "Paling sedikit serah terima", "en": "Fewest handovers"},
        "portal.book.cod": {"id": "COD (rupiah, opsional)", "en": "Cash on delivery (rupiah, optional)"},
        "portal.book.phone": {"id": "Nomor HP", "en": "Mobile number"},
        "portal.book.address": {"id": "Alamat", "en": "Address"},
        "portal.book.contents": {"id": "Isi paket", "en": "Contents"},
        "portal.book.button": {"id": "Pesan", "en": "Book"},
        "portal.manifests.title": {"id": "Manifest {id}", "en": "Manifest {id}"},
        "portal.manifests.day": {"id": "Tanggal", "en": "Date"},
        "portal.manifests.facility": {"id": "Titik serah terima", "en": "Handover point"},
        "portal.manifests.from_to": {"id": "Pemberi → penerima", "en": "Giver → receiver"},
        "portal.manifests.count": {"id": "Kiriman", "en": "Shipments"},
        "portal.manifests.lines": {"id": "{n} kiriman", "en": "{n} shipments"},
        "portal.manifests.handed": {"id": "{n} sudah diserahkan", "en": "{n} handed over"},
        "portal.manifests.confirmed": {"id": "dikonfirmasi", "en": "confirmed"},
        "portal.manifests.open": {"id": "menunggu", "en": "waiting"},
        "portal.manifests.none": {"id": "Tidak ada manifest pada {day}.", "en": "No manifests on {day}."},
        "portal.manifests.scan": {"id": "Konfirmasi dengan memindai", "en": "Confirm by scanning"},
        "portal.manifests.scan_label": {
            "id": "Nomor kiriman yang diterima",
            "en": "Shipment numbers received",
        },
        "portal.manifests.scan_hint": {
            "id": "Pindai barcode label satu per satu (pemindai menekan Enter); "
            "atau ketik satu nomor per baris.",
            "en": "Scan each label's barcode (the scanner presses Enter); or type one number per line.",
        },
        "portal.manifests.confirm": {"id": "Konfirmasi penerimaan", "en": "Confirm receipt"},
        "portal.manifests.done": {"id": "{n} kiriman diterima.", "en": "{n} shipments received."},
        "portal.manifests.missing": {"id": "Belum dipindai", "en": "Not scanned"},
        "portal.manifests.unexpected": {"id": "Tidak ada di manifest", "en": "Not on the manifest"},
        "portal.applications.open": {"id": "Menunggu keputusan", "en": "Awaiting a decision"},
        "portal.applications.none": {"id": "Tidak ada permohonan.", "en": "No applications."},
        "portal.applications.company": {"id": "Perusahaan", "en": "Company"},
        "portal.applications.legal_name": {"id": "Nama badan usaha", "en": "Legal name"},
        "portal.applications.province": {"id": "Provinsi", "en": "Province"},
        "portal.applications.regency": {"id": "Kabupaten/kota", "en": "Regency/city"},
        "portal.applications.type": {"id": "Jenis usaha", "en": "Type"},
        "portal.applications.carrier": {"id": "Kode kurir", "en": "Carrier id"},
        "portal.applications.contact": {"id": "Kontak", "en": "Contact"},
        "portal.applications.received": {"id": "Diterima", "en": "Received"},
        "portal.applications.decide": {"id": "Keputusan", "en": "Decision"},
        "portal.applications.reason": {
            "id": "Alasan (wajib jika ditolak)",
            "en": "Reason (required to reject)",
        },
        "portal.applications.reason_hint": {
            "id": "Alasan penolakan dikirim ke pemohon.",
            "en": "The reason for a rejection goes to the applicant.",
        },
        "portal.applications.recommend": {"id": "Rekomendasikan ke DPP", "en": "Recommend to the DPP"},
        "portal.applications.approve": {"id": "Setujui", "en": "Approve"},
        "portal.applications.reject": {"id": "Tolak", "en": "Reject"},
        "portal.applications.done_recommend": {
            "id": "Permohonan direkomendasikan.",
            "en": "Application recommended.",
        },
        "portal.applications.done_approve": {"id": "Permohonan disetujui.", "en": "Application approved."},
        "portal.applications.done_reject": {"id": "Permohonan ditolak.", "en": "Application rejected."},
        "portal.applications.approved_key": {
            "id": "Disetujui. Kunci API pertama anggota baru (sampaikan kepadanya):",
            "en": "Approved. The new member's first API key (pass it on):",
        },
        "portal.applications.waiting_submitted": {
            "id": "Menunggu rekomendasi DPW provinsinya.",
            "en": "Waiting for the recommendation of its province's DPW.",
        },
        "portal.applications.waiting_recommended": {
            "id": "Sudah direkomendasikan; menunggu keputusan DPP.",
            "en": "Recommended; waiting for the DPP's decision.",
        },
        "portal.applications.history": {"id": "Riwayat", "en": "History"},
        "portal.members.search": {"id": "Cari nama atau kode kurir", "en": "Search name or carrier id"},
        "portal.members.none": {"id": "Tidak ada anggota yang cocok.", "en": "No matching members."},
        "portal.agreements.parties": {"id": "pihak", "en": "parties"},
        "portal.agreements.to": {"id": "→ {stage}", "en": "→ {stage}"},
        "portal.agreements.moved": {"id": "Tahap perjanjian diubah.", "en": "Agreement stage changed."},
        "portal.agreements.more": {"id": "dan {n} lainnya", "en": "and {n} more"},
        "portal.meetings.due": {"id": "tenggat {day}", "en": "due {day}"},
        "portal.meetings.days_overdue": {"id": "lewat {n} hari", "en": "{n} days overdue"},
        "portal.meetings.done": {"id": "Tandai selesai", "en": "Mark done"},
        "portal.meetings.none_overdue": {"id": "Tidak ada yang lewat tenggat.", "en": "Nothing overdue."},
        "portal.meetings.updated": {"id": "Tindak lanjut diperbarui.", "en": "Follow-up updated."},
        "portal.company.keys": {"id": "Kunci API", "en": "API keys"},
        "portal.company.prefix": {"id": "Awalan", "en": "Prefix"},
        "portal.company.label": {"id": "Keterangan", "en": "Label"},
        "portal.company.label_hint": {"id": "mis. sistem gudang", "en": "e.g. warehouse system"},
        "portal.company.created": {"id": "Dibuat", "en": "Created"},
        "portal.company.create": {"id": "Buat kunci baru", "en": "Create a new key"},
        "portal.company.revoke": {"id": "Cabut", "en": "Revoke"},
        "portal.company.revoked": {
            "id": "Kunci dicabut; langsung tidak berlaku.",
            "en": "Key revoked; it stops working at once.",
        },
        "portal.company.revoked_at": {"id": "dicabut {day}", "en": "revoked {day}"},
        "portal.company.new_key": {"id": "Kunci API baru:", "en": "New API key:"},
        "portal.company.key_once": {
            "id": "Kunci ini hanya ditampilkan sekali; simpan sekarang di tempat aman.",
            "en": "This key is shown once; store it safely now.",
        },
        "portal.status.booked": {"id": "dipesan", "en": "booked"},
        "portal.status.picked_up": {"id": "dijemput", "en": "picked up"},
        "portal.status.departed": {"id": "berangkat", "en": "departed"},
        "portal.status.arrived": {"id": "tiba di hub", "en": "arrived"},
        "portal.status.handed_over": {"id": "diserahkan ke kurir berikutnya", "en": "handed over"},
        "portal.status.out_for_delivery": {"id": "dibawa kurir ke penerima", "en": "out for delivery"},
        "portal.status.delivery_failed": {"id": "gagal diantar", "en": "delivery failed"},
        "portal.status.delivered": {"id": "terkirim", "en": "delivered"},
        "portal.status.returning": {"id": "dikembalikan", "en": "returning"},
        "portal.status.returned": {"id": "sudah kembali", "en": "returned"},
        "portal.status.exception": {"id": "ada masalah", "en": "exception"},
        "portal.status.cancelled": {"id": "dibatalkan", "en": "cancelled"},
        "portal.app_status.submitted": {"id": "diajukan", "en": "submitted"},
        "portal.app_status.recommended": {"id": "direkomendasikan DPW", "en": "recommended by the DPW"},
        "portal.app_status.rejected": {"id": "ditolak", "en": "rejected"},
        "portal.app_status.approved": {"id": "disetujui", "en": "approved"},
        "portal.member_status.applicant": {"id": "pemohon", "en": "applicant"},
        "portal.member_status.active": {"id": "aktif", "en": "active"},
        "portal.member_status.suspended": {"id": "dibekukan", "en": "suspended"},
        "portal.member_status.left": {"id": "keluar", "en": "left"},
        "portal.agreement_kind.interline_handover": {
            "id": "Serah terima antarkurir",
            "en": "Interline handover",
        },
        "portal.agreement_kind.shared_pickup_points": {
            "id": "Titik jemput bersama",
            "en": "Shared pickup points",
        },
        "portal.agreement_kind.co_loading": {"id": "Muat bersama", "en": "Co-loading"},
        "portal.agreement_kind.data_sharing": {"id": "Berbagi data", "en": "Data sharing"},
        "portal.stage.exploring": {"id": "Penjajakan", "en": "Exploring"},
        "portal.stage.negotiating": {"id": "Negosiasi", "en": "Negotiating"},
        "portal.stage.signed": {"id": "Ditandatangani", "en": "Signed"},
        "portal.stage.active": {"id": "Aktif", "en": "Active"},
        "portal.stage.suspended": {"id": "Ditangguhkan", "en": "Suspended"},
        "portal.stage.ended": {"id": "Berakhir", "en": "Ended"},
        "portal.action_status.open": {"id": "terbuka", "en": "open"},
        "portal.action_status.done": {"id": "selesai", "en": "done"},
        "portal.action_status.cancelled": {"id": "dibatalkan", "en": "cancelled"},
        "portal.nav.network": {"id": "Jaringan saya (feed)", "en": "My network feed"},
        "portal.feeds.hint": {
            "id": "Unggah feed jaringan Anda (.zip); periksa dulu, lalu terbitkan. "
            "Versi lama bisa diaktifkan lagi.",
            "en": "Upload your network feed (.zip); check it first, then publish. "
            "An older version can be made active again.",
        },
        "portal.feeds.file": {"id": "Berkas feed (.zip)", "en": "Feed file (.zip)"},
        "portal.feeds.check": {"id": "Periksa saja", "en": "Check only"},
        "portal.feeds.publish": {"id": "Periksa dan terbitkan", "en": "Check and publish"},
        "portal.feeds.report": {"id": "Hasil pemeriksaan", "en": "Validation report"},
        "portal.feeds.valid": {"id": "sah", "en": "valid"},
        "portal.feeds.invalid": {"id": "tidak sah", "en": "invalid"},
        "portal.feeds.counts": {
            "id": "{errors} galat, {warnings} peringatan, {infos} info.",
            "en": "{errors} errors, {warnings} warnings, {infos} notes.",
        },
        "portal.feeds.published": {
            "id": "Versi {version} diterbitkan dan aktif.",
            "en": "Version {version} published and active.",
        },
        "portal.feeds.unchanged": {
            "id": "Versi {version} sudah ada dengan isi yang sama; tidak ada yang berubah.",
            "en": "Version {version} already exists with the same content; nothing changed.",
        },
        "portal.feeds.versions": {"id": "Versi", "en": "Versions"},
        "portal.feeds.version": {"id": "Versi", "en": "Version"},
        "portal.feeds.valid_dates": {"id": "Berlaku", "en": "Valid"},
        "portal.feeds.size": {"id": "Isi", "en": "Contents"},
        "portal.feeds.size_value": {
            "id": "{services} layanan, {facilities} fasilitas, {runs} perjalanan",
            "en": "{services} services, {facilities} facilities, {runs} runs",
        },
        "portal.feeds.published_at": {"id": "Diterbitkan", "en": "Published"},
        "portal.feeds.active": {"id": "aktif", "en": "active"},
        "portal.feeds.activate": {"id": "Aktifkan lagi", "en": "Make active"},
        "portal.feeds.activated": {"id": "Versi itu aktif lagi.", "en": "That version is active again."},
        "portal.feeds.none": {"id": "Belum ada versi yang diterbitkan.", "en": "No version published yet."},
        "portal.feeds.from": {"id": "Dari versi", "en": "From version"},
        "portal.feeds.to": {"id": "Ke versi", "en": "To version"},
        "portal.feeds.compare": {"id": "Bandingkan", "en": "Compare"},
        "portal.feeds.diff": {"id": "Perubahan {a} → {b}", "en": "Changes {a} → {b}"},
        "portal.feeds.part.services": {"id": "Layanan", "en": "Services"},
        "portal.feeds.part.facilities": {"id": "Fasilitas", "en": "Facilities"},
        "portal.feeds.part.runs": {"id": "Perjalanan", "en": "Runs"},
        "portal.feeds.pickup": {"id": "Kecamatan jemput", "en": "Pickup districts"},
        "portal.feeds.delivery": {"id": "Kecamatan antar", "en": "Delivery districts"},
        "portal.manifest_status.open": {"id": "menunggu", "en": "waiting"},
        "portal.manifest_status.confirmed": {"id": "dikonfirmasi", "en": "confirmed"},
        "portal.manifest_status.partial": {"id": "sebagian", "en": "partial"},
        "portal.handover_status.planned": {"id": "direncanakan", "en": "planned"},
        "portal.handover_status.completed": {"id": "sudah diserahkan", "en": "handed over"},
        "portal.handover_status.cancelled": {"id": "dibatalkan", "en": "cancelled"},
        "portal.nav.reports": {"id": "Laporan", "en": "Reports"},
        "portal.reports.pipeline": {
            "id": "Perjanjian per DPW menurut tahap",
            "en": "Agreements per DPW by stage",
        },
        "portal.reports.members": {
            "id": "Anggota per provinsi menurut status",
            "en": "Members per province by status",
        },
        "portal.reports.table": {"id": "Angka dalam tabel", "en": "The figures as a table"},
        "portal.reports.empty": {"id": "Belum ada data.", "en": "No data yet."},
        "portal.reports.weeks": {
            "id": "Kiriman per minggu (12 minggu terakhir, WIB)",
            "en": "Shipments per week (the last 12 weeks, WIB)",
        },
        "portal.reports.week": {"id": "Minggu", "en": "Week"},
        "portal.reports.on_time_carriers": {
            "id": "Ketepatan waktu per kurir (kiriman terantar)",
            "en": "On-time delivery per carrier (delivered shipments)",
        },
        "portal.reports.on_time_pairs": {
            "id": "Ketepatan waktu per pasangan serah terima",
            "en": "On-time delivery per handover pair",
        },
        "portal.reports.netting": {
            "id": "Netting per periode: bruto = dibayar bersih + dihemat netting (Rp)",
            "en": "Netting per period: gross = net transferred + saved by netting (Rp)",
        },
        "portal.reports.carrier": {"id": "Kurir", "en": "Carrier"},
        "portal.reports.pair": {"id": "Dari → ke", "en": "From → to"},
        "portal.reports.period": {"id": "Periode", "en": "Period"},
        "portal.reports.gross": {"id": "Bruto", "en": "Gross"},
        "portal.reports.series.shipments": {"id": "Kiriman", "en": "Shipments"},
        "portal.reports.series.delivered": {"id": "Terantar", "en": "Delivered"},
        "portal.reports.series.on_time": {"id": "Tepat waktu", "en": "On time"},
        "portal.reports.series.late": {"id": "Terlambat", "en": "Late"},
        "portal.reports.series.net": {"id": "Dibayar bersih", "en": "Net transferred"},
        "portal.reports.series.netted": {"id": "Dihemat netting", "en": "Saved by netting"},
        "portal.nav.map": {"id": "Peta jangkauan", "en": "Coverage map"},
        "portal.map.intro": {
            "id": "Setiap titik adalah satu kecamatan, diwarnai menurut jumlah kurir yang mengantar ke sana. "
            "Titik merah besar: belum ada layanan antar.",
            "en": "Each point is one district, coloured by how many carriers deliver there. "
            "Large red points: no delivery service yet.",
        },
        "portal.map.origin": {
            "id": "Asal (kode kecamatan, kode pos atau alamat)",
            "en": "Origin (district code, postal code or address)",
        },
        "portal.map.show": {"id": "Tampilkan waktu tercepat", "en": "Show the fastest delivery"},
        "portal.map.origin_is": {
            "id": "Waktu antar tercepat dari {name}, {province} (paket 1 kg, siap sekarang).",
            "en": "Fastest delivery from {name}, {province} (a 1 kg parcel, ready now).",
        },
        "portal.map.colour_by": {"id": "Warnai menurut", "en": "Colour by"},
        "portal.map.by_carriers": {"id": "Jumlah kurir", "en": "Number of carriers"},
        "portal.map.by_hours": {"id": "Waktu antar tercepat", "en": "Fastest delivery"},
        "portal.map.label": {"id": "Peta kecamatan", "en": "Map of districts"},
        "portal.map.loading": {"id": "Memuat peta…", "en": "Loading the map…"},
        "portal.map.shown": {"id": "kecamatan ditampilkan", "en": "districts shown"},
        "portal.map.carriers.0": {"id": "0 kurir (belum terlayani)", "en": "0 carriers (no service)"},
        "portal.map.carriers.1": {"id": "1 kurir", "en": "1 carrier"},
        "portal.map.carriers.2+": {"id": "2 kurir atau lebih", "en": "2 carriers or more"},
        "portal.map.hours.24": {"id": "≤ 24 jam", "en": "≤ 24 hours"},
        "portal.map.hours.48": {"id": "≤ 48 jam", "en": "≤ 48 hours"},
        "portal.map.hours.96": {"id": "≤ 96 jam", "en": "≤ 96 hours"},
        "portal.map.hours.more": {"id": "lebih dari 96 jam", "en": "more than 96 hours"},
        "portal.map.hours.none": {"id": "tidak terjangkau", "en": "not reached"},
        "portal.map.carriers_word": {"id": "kurir", "en": "carriers"},
        "portal.map.hours_word": {"id": "jam", "en": "hours"},
        "portal.map.table": {
            "id": "Kecamatan per provinsi menurut jumlah kurir yang mengantar",
            "en": "Districts per province by the number of carriers delivering",
        },
        "portal.map.province": {"id": "Provinsi", "en": "Province"},
        "portal.map.districts": {"id": "Kecamatan", "en": "Districts"},
        "portal.map.total": {"id": "Indonesia", "en": "Indonesia"},
        "portal.nav.webhooks": {"id": "Webhook", "en": "Webhooks"},
        "portal.webhooks.hint": {
            "id": "Jalin mengirim kejadian kiriman Anda ke alamat ini, ditandatangani (Standard Webhooks).",
            "en": "Jalin sends your shipments' events to this address, signed (Standard Webhooks).",
        },
        "portal.webhooks.url": {"id": "Alamat penerima (https)", "en": "Receiver address (https)"},
        "portal.webhooks.types": {"id": "Jenis kejadian", "en": "Event types"},
        "portal.webhooks.add": {"id": "Tambah webhook", "en": "Add the webhook"},
        "portal.webhooks.secret": {
            "id": "Kunci tanda tangan untuk {url}:",
            "en": "Signing secret for {url}:",
        },
        "portal.webhooks.endpoints": {"id": "Alamat terdaftar", "en": "Registered endpoints"},
        "portal.webhooks.on": {"id": "aktif", "en": "enabled"},
        "portal.webhooks.off": {"id": "nonaktif", "en": "disabled"},
        "portal.webhooks.failing": {"id": "{n} gagal berturut-turut", "en": "{n} failures in a row"},
        "portal.webhooks.log": {"id": "Riwayat pengiriman", "en": "Delivery log"},
        "portal.webhooks.test": {"id": "Kirim tes", "en": "Send a test"},
        "portal.webhooks.enable": {"id": "Aktifkan", "en": "Enable"},
        "portal.webhooks.delete": {"id": "Hapus", "en": "Delete"},
        "portal.webhooks.retry": {"id": "Kirim ulang", "en": "Send again"},
        "portal.webhooks.none": {"id": "Belum ada webhook.", "en": "No webhooks yet."},
        "portal.webhooks.no_log": {"id": "Belum ada pengiriman.", "en": "Nothing delivered yet."},
        "portal.webhooks.at": {"id": "Waktu", "en": "At"},
        "portal.webhooks.event": {"id": "Kejadian", "en": "Event"},
        "portal.webhooks.outcome": {"id": "Hasil", "en": "Outcome"},
        "portal.webhooks.tested": {
            "id": "Pesan tes diantrekan; pekerja (jalin worker) mengirimkannya.",
            "en": "Test message queued; the worker (jalin worker) delivers it.",
        },
        "portal.webhooks.enabled": {"id": "Webhook aktif lagi.", "en": "Webhook enabled again."},
        "portal.webhooks.deleted": {"id": "Webhook dihapus.", "en": "Webhook deleted."},
        "portal.webhooks.retried": {"id": "Pesan diantrekan lagi.", "en": "Message queued again."},
        "portal.nav.settlement": {"id": "Tagihan antaranggota", "en": "Settlement statements"},
        "portal.settlement.hint": {
            "id": "Satu periode = satu minggu (Senin 00:00 WIB); unduh laporan perusahaan Anda per periode.",
            "en": "One period is one week (from Monday 00:00 WIB); "
            "download your company's statement per period.",
        },
        "portal.settlement.period": {"id": "Periode", "en": "Period"},
        "portal.settlement.gross": {"id": "Bruto seluruh anggota", "en": "Gross, all members"},
        "portal.settlement.statement": {"id": "Laporan Anda", "en": "Your statement"},
        "portal.settlement.status.open": {"id": "berjalan", "en": "open"},
        "portal.settlement.status.closed": {"id": "ditutup", "en": "closed"},
        "portal.users.member_hint": {
            "id": "Nomor anggota seperti di daftar anggota.",
            "en": "The member's number as in the member list.",
        },
        # -- the public member directory (/direktori)
        "directory.title": {"id": "Direktori anggota", "en": "Member directory"},
        "directory.intro": {
            "id": "Perusahaan kurir, ekspres, pos dan logistik yang menjadi anggota aktif asosiasi. "
            "Cari menurut nama, wilayah atau jenis usaha.",
            "en": "Courier, express, postal and logistics companies that are active members of the "
            "association. Search by name, region or type of business.",
        },
        "directory.search": {"id": "Nama atau kode kurir", "en": "Name or carrier code"},
        "directory.province": {"id": "Provinsi", "en": "Province"},
        "directory.regency": {"id": "Kabupaten/kota", "en": "Regency or city"},
        "directory.type": {"id": "Jenis usaha", "en": "Type of business"},
        "directory.all": {"id": "Semua", "en": "All"},
        "directory.show": {"id": "Tampilkan", "en": "Show"},
        "directory.reset": {"id": "Hapus saringan", "en": "Clear filters"},
        "directory.count": {
            "id": "{first}–{last} dari {matched} anggota yang cocok ({total} anggota aktif)",
            "en": "{first}–{last} of {matched} matching members ({total} active members)",
        },
        "directory.none": {
            "id": "Tidak ada anggota yang cocok. Coba kata lain atau hapus saringan.",
            "en": "No member matches. Try other words or clear the filters.",
        },
        "directory.carrier": {"id": "Kode kurir", "en": "Carrier code"},
        "directory.based": {"id": "Berkedudukan di", "en": "Based in"},
        "directory.previous": {"id": "Sebelumnya", "en": "Previous"},
        "directory.next": {"id": "Berikutnya", "en": "Next"},
        "directory.pages": {"id": "Halaman hasil", "en": "Result pages"},
        "portal.nav.directory": {"id": "Direktori anggota", "en": "Member directory"},
        # -- the DPP's settlement desk (/portal/penyelesaian)
        "portal.nav.clearing": {"id": "Penyelesaian tagihan", "en": "Settlement desk"},
        "portal.clearing.hint": {
            "id": "Satu periode = satu minggu (Senin–Minggu, WIB). Tutup periode yang sudah berakhir: "
            "angkanya dibekukan dan tidak berubah lagi. Koreksi dicatat sebagai penyesuaian di periode "
            "berjalan.",
            "en": "One period = one week (Monday to Sunday, WIB). Close a period that has ended: its "
            "figures are frozen for good. A correction is recorded as an adjustment in the open period.",
        },
        "portal.clearing.periods": {"id": "Periode", "en": "Periods"},
        "portal.clearing.gross": {"id": "Bruto", "en": "Gross"},
        "portal.clearing.net": {"id": "Ditransfer setelah netting", "en": "Transferred after netting"},
        "portal.clearing.saved": {"id": "Dihemat netting", "en": "Saved by netting"},
        "portal.clearing.ended_open": {"id": "berakhir, belum ditutup", "en": "ended, not closed"},
        "portal.clearing.close": {"id": "Tutup…", "en": "Close…"},
        "portal.clearing.close_title": {"id": "Tutup periode {period}?", "en": "Close period {period}?"},
        "portal.clearing.period_title": {"id": "Periode {period}", "en": "Period {period}"},
        "portal.clearing.statement": {"id": "Laporan anggota", "en": "Member's statement"},
        "portal.clearing.close_warning": {
            "id": "Setelah ditutup, periode ini tidak menerima baris baru dan angkanya tidak berubah lagi. "
            "Laporan anggota memakai angka ini. Tindakan ini tidak bisa dibatalkan.",
            "en": "Once closed, the period takes no new lines and its figures never change again. "
            "Members' statements use these figures. This cannot be undone.",
        },
        "portal.clearing.close_confirm": {
            "id": "Ya, tutup periode {period}",
            "en": "Yes, close period {period}",
        },
        "portal.clearing.closed": {
            "id": "Periode ditutup; angkanya sekarang beku.",
            "en": "Period closed; its figures are now frozen.",
        },
        "portal.clearing.back": {"id": "Kembali", "en": "Back"},
        "portal.clearing.days": {"id": "Tanggal", "en": "Days"},
        "portal.clearing.lines": {"id": "Baris tagihan", "en": "Lines"},
        "portal.clearing.transfers": {
            "id": "{n} transfer ke/dari rekening kliring",
            "en": "{n} transfers to or from the clearing account",
        },
        "portal.clearing.positions": {"id": "Posisi anggota", "en": "Members' positions"},
        "portal.clearing.member": {"id": "Anggota", "en": "Member"},
        "portal.clearing.receivable": {"id": "Piutang", "en": "Receivable"},
        "portal.clearing.payable": {"id": "Utang", "en": "Payable"},
        "portal.clearing.net_position": {"id": "Bersih", "en": "Net"},
        "portal.clearing.direction.pay": {"id": "membayar {amount}", "en": "pays {amount}"},
        "portal.clearing.direction.receive": {"id": "menerima {amount}", "en": "receives {amount}"},
        "portal.clearing.even": {"id": "impas", "en": "even"},
        "portal.clearing.history": {
            "id": "Riwayat penutupan dan penyesuaian",
            "en": "Closings and adjustments",
        },
        "portal.clearing.no_history": {"id": "Belum ada.", "en": "None yet."},
        "portal.clearing.line": {"id": "baris #{id}", "en": "line #{id}"},
        "portal.clearing.adjust": {"id": "Catat penyesuaian", "en": "Record an adjustment"},
        "portal.clearing.adjust_hint": {
            "id": "Pembayar berutang tambahan sejumlah ini kepada penerima. Dicatat sebagai baris "
            "penyesuaian di periode berjalan (periode yang sudah ditutup tidak berubah).",
            "en": "The payer owes the payee this much more. Recorded as an adjustment line in the "
            "open period (a closed period never changes).",
        },
        "portal.clearing.payer": {"id": "Pembayar (berutang)", "en": "Payer (owes)"},
        "portal.clearing.payee": {"id": "Penerima", "en": "Payee"},
        "portal.clearing.choose_member": {"id": "Pilih anggota", "en": "Choose a member"},
        "portal.clearing.amount": {"id": "Jumlah (rupiah)", "en": "Amount (rupiah)"},
        "portal.clearing.number": {"id": "Nomor kiriman (jika ada)", "en": "Shipment number (if any)"},
        "portal.clearing.reason": {"id": "Alasan", "en": "Reason"},
        "portal.clearing.description": {
            "id": "Keterangan di laporan (jika ada)",
            "en": "Text on the statement (if any)",
        },
        "portal.clearing.description_hint": {
            "id": "Kosong: laporan menulis “Penyesuaian: <alasan>”.",
            "en": "Empty: the statement says “Penyesuaian: <reason>”.",
        },
        "portal.clearing.record": {"id": "Catat penyesuaian", "en": "Record the adjustment"},
        "portal.clearing.adjusted": {
            "id": "Penyesuaian dicatat di periode berjalan.",
            "en": "Adjustment recorded in the open period.",
        },
        "portal.clearing.error.invalid_adjustment.payer": {
            "id": "Pilih anggota pembayar dari daftar.",
            "en": "Choose the paying member from the list.",
        },
        "portal.clearing.error.invalid_adjustment.payee": {
            "id": "Pilih anggota penerima dari daftar; pembayar dan penerima harus dua anggota yang berbeda.",
            "en": "Choose the receiving member from the list; payer and payee must be two different members.",
        },
        "portal.clearing.error.invalid_adjustment.amount": {
            "id": "Jumlah harus rupiah bulat lebih dari 0, misalnya 25000 atau 25.000.",
            "en": "The amount must be whole rupiah above 0, e.g. 25000 or 25.000.",
        },
        "portal.clearing.error.invalid_adjustment.reason": {
            "id": "Tulis alasan penyesuaian (1–500 karakter).",
            "en": "Write the reason for the adjustment (1-500 characters).",
        },
        "portal.clearing.error.invalid_adjustment.description": {
            "id": "Keterangan paling banyak 300 karakter.",
            "en": "The text is at most 300 characters.",
        },
        "portal.clearing.error.invalid_adjustment.number": {
            "id": "Nomor kiriman tidak terbaca; tulis seperti JL123456785ID atau kosongkan.",
            "en": "The shipment number is unreadable; write it like JL123456785ID or leave it empty.",
        },
        "portal.clearing.error.not_found.payer": {
            "id": "Anggota pembayar ini tidak ada; pilih dari daftar.",
            "en": "This paying member does not exist; choose from the list.",
        },
        "portal.clearing.error.not_found.payee": {
            "id": "Anggota penerima ini tidak ada; pilih dari daftar.",
            "en": "This receiving member does not exist; choose from the list.",
        },
        "portal.clearing.error.not_found.number": {
            "id": "Tidak ada kiriman dengan nomor ini; periksa nomornya atau kosongkan.",
            "en": "No shipment has this number; check it or leave it empty.",
        },
        # -- enum values as a person reads them (a page never shows the raw value;
        # tests/test_portal_words.py fails when one slips through)
        "portal.leg_status.planned": {"id": "direncanakan", "en": "planned"},
        "portal.leg_status.active": {"id": "sedang dibawa", "en": "in this carrier's hands"},
        "portal.leg_status.completed": {"id": "selesai", "en": "completed"},
        "portal.leg_status.cancelled": {"id": "dibatalkan", "en": "cancelled"},
        "portal.member_type.courier": {"id": "Kurir", "en": "Courier"},
        "portal.member_type.express": {"id": "Ekspres", "en": "Express"},
        "portal.member_type.post": {"id": "Pos", "en": "Postal operator"},
        "portal.member_type.logistics": {"id": "Logistik", "en": "Logistics"},
        "portal.member_type.freight_forwarder": {"id": "Freight forwarder (EMKL)", "en": "Freight forwarder"},
        "portal.severity.ERROR": {"id": "galat", "en": "error"},
        "portal.severity.WARNING": {"id": "peringatan", "en": "warning"},
        "portal.severity.INFO": {"id": "info", "en": "info"},
        "portal.outcome.delivered": {"id": "terkirim", "en": "delivered"},
        "portal.outcome.http_error": {
            "id": "ditolak penerima (HTTP)",
            "en": "refused by the receiver (HTTP)",
        },
        "portal.outcome.timeout": {"id": "tidak dijawab tepat waktu", "en": "timed out"},
        "portal.outcome.network_error": {"id": "gagal tersambung", "en": "network error"},
        "portal.outcome.blocked": {"id": "alamat tidak diizinkan", "en": "address not allowed"},
        "portal.outcome.endpoint_disabled": {"id": "endpoint dinonaktifkan", "en": "endpoint disabled"},
        "portal.actor.user": {"id": "pengguna #{id}", "en": "user #{id}"},
        "portal.actor.key": {"id": "kunci API {prefix}", "en": "API key {prefix}"},
        "portal.actor.cli": {"id": "operator (baris perintah)", "en": "operator (command line)"},
        "portal.actor.public": {"id": "formulir publik", "en": "the public form"},
        # Audit action names (jalin.storage.audit rows), as a history line reads them.
        "portal.audit.action.create": {"id": "tindak lanjut dibuat", "en": "follow-up created"},
        "portal.audit.action.status": {"id": "status tindak lanjut diubah", "en": "follow-up status changed"},
        "portal.audit.agreement.create": {"id": "perjanjian dibuat", "en": "agreement created"},
        "portal.audit.agreement.document": {
            "id": "dokumen perjanjian ditambahkan",
            "en": "agreement document added",
        },
        "portal.audit.agreement.stage": {"id": "tahap perjanjian diubah", "en": "agreement stage changed"},
        "portal.audit.agreement.terms": {
            "id": "ketentuan perjanjian diubah",
            "en": "agreement terms changed",
        },
        "portal.audit.application.submit": {"id": "permohonan diajukan", "en": "application submitted"},
        "portal.audit.application.recommend": {"id": "direkomendasikan DPW", "en": "recommended by the DPW"},
        "portal.audit.application.approve": {"id": "disetujui DPP", "en": "approved by the DPP"},
        "portal.audit.application.reject": {"id": "ditolak", "en": "rejected"},
        "portal.audit.feed.activate": {"id": "versi feed diaktifkan", "en": "feed version made active"},
        "portal.audit.feed.published": {"id": "feed diterbitkan", "en": "feed published"},
        "portal.audit.feed.unchanged": {
            "id": "feed dikirim ulang tanpa perubahan",
            "en": "feed sent again unchanged",
        },
        "portal.audit.key.create": {"id": "kunci API dibuat", "en": "API key created"},
        "portal.audit.key.revoke": {"id": "kunci API dicabut", "en": "API key revoked"},
        "portal.audit.manifest.confirm": {"id": "manifest dikonfirmasi", "en": "manifest confirmed"},
        "portal.audit.meeting.create": {"id": "rapat dicatat", "en": "meeting recorded"},
        "portal.audit.member.create": {"id": "anggota dibuat", "en": "member created"},
        "portal.audit.member.status": {"id": "status anggota diubah", "en": "member status changed"},
        "portal.audit.member.unit": {"id": "unit anggota ditambahkan", "en": "member unit added"},
        "portal.audit.officer.add": {"id": "pengurus ditambahkan", "en": "officer added"},
        "portal.audit.settlement.adjust": {"id": "penyesuaian dicatat", "en": "adjustment recorded"},
        "portal.audit.settlement.close": {"id": "periode ditutup", "en": "period closed"},
        "portal.audit.shipment.book": {"id": "kiriman dipesan", "en": "shipment booked"},
        "portal.audit.shipment.booked": {"id": "kiriman dipesan", "en": "shipment booked"},
        "portal.audit.shipment.cancel": {"id": "kiriman dibatalkan", "en": "shipment cancelled"},
        "portal.audit.shipment.carrier_ref": {
            "id": "nomor resi kurir dicatat",
            "en": "carrier waybill recorded",
        },
        "portal.audit.user.accept_invite": {"id": "undangan diterima", "en": "invitation accepted"},
        "portal.audit.user.change_password": {"id": "kata sandi diganti", "en": "password changed"},
        "portal.audit.user.create": {"id": "pengguna dibuat", "en": "user created"},
        "portal.audit.user.disable": {"id": "pengguna dinonaktifkan", "en": "user disabled"},
        "portal.audit.user.enable": {"id": "pengguna diaktifkan", "en": "user enabled"},
        "portal.audit.user.invite": {"id": "pengguna diundang", "en": "user invited"},
        "portal.audit.webhook.create": {"id": "webhook ditambahkan", "en": "webhook added"},
        "portal.audit.webhook.delete": {"id": "webhook dihapus", "en": "webhook deleted"},
        "portal.audit.webhook.disabled": {
            "id": "webhook dinonaktifkan otomatis",
            "en": "webhook disabled automatically",
        },
        "portal.audit.webhook.enable": {"id": "webhook diaktifkan", "en": "webhook enabled"},
        "portal.audit.webhook.retry": {
            "id": "pesan webhook dikirim ulang",
            "en": "webhook message sent again",
        },
        "portal.nav.impact": {"id": "Dampak kerja sama", "en": "Collaboration impact"},
        "portal.agreements.impact": {"id": "Lihat dampak", "en": "See the impact"},
        "portal.impact.intro": {
            "id": "Apa yang berubah, dalam kecamatan, hari dan rupiah, jika dua kurir menandatangani "
            "perjanjian serah terima, sebuah perjanjian berakhir, atau anggota bergabung atau keluar: "
            "jaringan hari ini dibandingkan dengan jaringan sesudah usulan.",
            "en": "What would change, in districts, days and rupiah, if two carriers signed a handover "
            "agreement, an agreement ended, or a member joined or left: today's network compared with "
            "the network after the proposal.",
        },
        "portal.impact.sign": {"id": "Kurir X dan Y bersepakat", "en": "Carriers X and Y sign"},
        "portal.impact.choose_carrier": {"id": "— pilih kurir —", "en": "— choose a carrier —"},
        "portal.impact.field.kurir_a": {"id": "Kurir X", "en": "Carrier X"},
        "portal.impact.field.kurir_b": {"id": "Kurir Y", "en": "Carrier Y"},
        "portal.impact.field.biaya": {
            "id": "Biaya serah terima per paket (Rp)",
            "en": "Handover fee per parcel (Rp)",
        },
        "portal.impact.field.kecamatan": {
            "id": "Kecamatan serah terima (pilihan)",
            "en": "Handover districts (optional)",
        },
        "portal.impact.districts_hint": {
            "id": "Kode kecamatan dipisah koma, mis. 32.73.09; kosong: di mana saja keduanya bertemu.",
            "en": "District codes separated by commas, e.g. 32.73.09; empty: wherever the two meet.",
        },
        "portal.impact.more_changes": {
            "id": "Perubahan lain: perjanjian berakhir, anggota bergabung atau keluar",
            "en": "Other changes: agreements ending, a member joining or leaving",
        },
        "portal.impact.field.akhiri": {"id": "Perjanjian yang berakhir", "en": "Agreements that end"},
        "portal.impact.no_agreements": {
            "id": "Belum ada perjanjian serah terima yang aktif.",
            "en": "No handover agreement is active yet.",
        },
        "portal.impact.joining": {"id": "Anggota bergabung", "en": "A member joins"},
        "portal.impact.field.gabung": {
            "id": "Feed tersimpan dari permohonan yang belum diputus",
            "en": "Stored feed of a pending application",
        },
        "portal.impact.nobody": {"id": "— tidak ada —", "en": "— none —"},
        "portal.impact.version": {"id": "versi {version}", "en": "version {version}"},
        "portal.impact.no_joining": {
            "id": "Tidak ada permohonan terbuka yang feed-nya sudah tersimpan.",
            "en": "No open application has a stored feed.",
        },
        "portal.impact.field.biaya_tetangga": {
            "id": "Teken dengan setiap kurir yang ditemuinya, biaya per paket (Rp)",
            "en": "Sign with every carrier it meets, fee per parcel (Rp)",
        },
        "portal.impact.neighbours_hint": {
            "id": "Kosong: bergabung tanpa perjanjian serah terima.",
            "en": "Empty: it joins without handover agreements.",
        },
        "portal.impact.leaving": {"id": "Anggota keluar", "en": "A member leaves"},
        "portal.impact.field.keluar": {"id": "Kurir yang keluar", "en": "Carrier leaving"},
        "portal.impact.origins": {"id": "Asal kiriman", "en": "Origins"},
        "portal.impact.origins_capitals": {
            "id": "38 ibu kota provinsi (bawaan)",
            "en": "The 38 province capitals (default)",
        },
        "portal.impact.origins_provinces": {
            "id": "Ibu kota provinsi yang dipilih",
            "en": "The capitals of chosen provinces",
        },
        "portal.impact.field.provinsi": {"id": "Provinsi", "en": "Provinces"},
        "portal.impact.origins_typed": {"id": "Kecamatan yang diketik", "en": "Districts typed"},
        "portal.impact.field.kecamatan_asal": {"id": "Kecamatan asal", "en": "Origin districts"},
        "portal.impact.origins_hint": {
            "id": "Kode kecamatan, kode pos atau alamat, dipisah koma atau baris (paling banyak 100).",
            "en": "District codes, postal codes or addresses, separated by commas or lines (at most 100).",
        },
        "portal.impact.field.peringkat": {"id": "Peringkat", "en": "Ranking"},
        "portal.impact.rank": {
            "id": "Peringkatkan juga 3 pasangan lain yang paling menguntungkan (lebih lama)",
            "en": "Also rank the 3 other pairs that would gain most (takes longer)",
        },
        "portal.impact.run": {"id": "Hitung dampak", "en": "Compute the impact"},
        "portal.impact.duration": {
            "id": "Perbandingan nasional memakan sekitar satu menit; halaman hasil memuat ulang sendiri.",
            "en": "A national comparison takes about a minute; the result page reloads by itself.",
        },
        "portal.impact.recent": {"id": "Hitungan terakhir", "en": "Recent runs"},
        "portal.impact.proposal": {"id": "Usulan", "en": "Proposal"},
        "portal.impact.status": {"id": "Keadaan", "en": "State"},
        "portal.impact.asked": {"id": "Diminta", "en": "Asked"},
        "portal.impact.open": {"id": "Buka #{id}", "en": "Open #{id}"},
        "portal.impact.status.queued": {"id": "menunggu giliran", "en": "waiting its turn"},
        "portal.impact.status.running": {"id": "sedang dihitung", "en": "computing"},
        "portal.impact.status.done": {"id": "selesai", "en": "done"},
        "portal.impact.status.failed": {"id": "gagal", "en": "failed"},
        "portal.impact.no_runs": {"id": "Belum ada hitungan.", "en": "No runs yet."},
        "portal.impact.summary.add": {
            "id": "{a} dan {b} bersepakat ({fee} per paket)",
            "en": "{a} and {b} sign ({fee} per parcel)",
        },
        "portal.impact.summary.in": {"id": "di {districts}", "en": "in {districts}"},
        "portal.impact.summary.end": {"id": "perjanjian {a}–{b} berakhir", "en": "{a}–{b} agreement ends"},
        "portal.impact.summary.join": {
            "id": "anggota bergabung (feed #{version})",
            "en": "a member joins (feed #{version})",
        },
        "portal.impact.summary.neighbours": {
            "id": "dan teken dengan kurir yang ditemuinya ({fee} per paket)",
            "en": "and signs with the carriers it meets ({fee} per parcel)",
        },
        "portal.impact.summary.leave": {"id": "{carrier} keluar", "en": "{carrier} leaves"},
        "portal.impact.summary.none": {
            "id": "tanpa perubahan (hanya pembanding)",
            "en": "no change (baselines only)",
        },
        "portal.impact.summary.from_capitals": {
            "id": "dari 38 ibu kota provinsi",
            "en": "from the 38 province capitals",
        },
        "portal.impact.summary.from_provinces": {
            "id": "dari ibu kota {n} provinsi",
            "en": "from the capitals of {n} provinces",
        },
        "portal.impact.summary.from_typed": {"id": "dari {origins}", "en": "from {origins}"},
        "portal.impact.run_title": {"id": "Dampak kerja sama #{id}", "en": "Collaboration impact #{id}"},
        "portal.impact.back": {
            "id": "← Usulan baru dan hitungan lain",
            "en": "← New proposal and other runs",
        },
        "portal.impact.computing": {"id": "Sedang dihitung…", "en": "Computing…"},
        "portal.impact.computing_hint": {
            "id": "Halaman ini memuat ulang sendiri setiap {s} detik sampai hasilnya ada. Boleh ditutup: "
            "hitungan ini tetap ada di daftar hitungan terakhir.",
            "en": "This page reloads itself every {s} seconds until the answer is there. You may close "
            "it: the run stays in the list of recent runs.",
        },
        "portal.impact.reload": {"id": "Muat ulang sekarang", "en": "Reload now"},
        "portal.impact.failed": {"id": "Hitungan ini gagal.", "en": "This run failed."},
        "portal.impact.ask_again": {"id": "Ajukan lagi", "en": "Ask again"},
        "portal.impact.national": {"id": "Nasional", "en": "National"},
        "portal.impact.national_hint": {
            "id": "Dari {origins} kecamatan asal ke setiap kecamatan; paket {weight} kg siap {ready}.",
            "en": "From {origins} origin districts to every district; a {weight} kg parcel ready {ready}.",
        },
        "portal.impact.fig.new_districts": {
            "id": "kecamatan terjangkau baru",
            "en": "districts newly reachable",
        },
        "portal.impact.fig.new_pairs": {
            "id": "pasangan asal–tujuan terjangkau baru",
            "en": "origin–destination pairs newly reachable",
        },
        "portal.impact.fig.faster": {"id": "pasangan lebih cepat", "en": "pairs faster"},
        "portal.impact.fig.cheaper": {"id": "pasangan lebih murah", "en": "pairs cheaper"},
        "portal.impact.fig.days": {
            "id": "median hari lebih cepat (p90 {p90})",
            "en": "median days saved (p90 {p90})",
        },
        "portal.impact.fig.rupiah": {"id": "median lebih murah per paket", "en": "median saved per parcel"},
        "portal.impact.fig.remote": {
            "id": "daerah tertinggal yang untung ({gaining} dari {of} kecamatan)",
            "en": "of disadvantaged districts gain ({gaining} of {of})",
        },
        "portal.impact.fig.frontier": {
            "id": "kecamatan perbatasan darat yang untung ({gaining} dari {of})",
            "en": "of land-border districts gain ({gaining} of {of})",
        },
        "portal.impact.losses": {
            "id": "Pasangan yang hilang: {lost}, lebih lambat: {slower}, lebih mahal: {dearer}.",
            "en": "Pairs lost: {lost}, slower: {slower}, dearer: {dearer}.",
        },
        "portal.impact.download": {"id": "Unduh", "en": "Download"},
        "portal.impact.csv_districts": {"id": "CSV per kecamatan", "en": "CSV per district"},
        "portal.impact.csv_ranking": {"id": "CSV peringkat", "en": "Ranking CSV"},
        "portal.impact.provinces": {"id": "Per provinsi", "en": "By province"},
        "portal.impact.col.gaining": {"id": "Kecamatan untung", "en": "Districts gaining"},
        "portal.impact.col.new": {"id": "Terjangkau baru", "en": "Newly reachable"},
        "portal.impact.col.days": {"id": "Median hari lebih cepat (p90)", "en": "Median days saved (p90)"},
        "portal.impact.col.rupiah": {"id": "Median hemat", "en": "Median saved"},
        "portal.impact.col.remote": {"id": "Tertinggal untung", "en": "Disadvantaged gaining"},
        "portal.impact.col.frontier": {"id": "Perbatasan untung", "en": "Frontier gaining"},
        "portal.impact.map": {"id": "Peta kecamatan", "en": "District map"},
        "portal.impact.map_hint": {
            "id": "Setiap titik satu kecamatan, diwarnai menurut perubahannya; tabel di bawahnya menghitung "
            "hal yang sama per provinsi.",
            "en": "Each point is a district, coloured by what changes there; the table below counts the "
            "same per province.",
        },
        "portal.impact.legend": {"id": "Keterangan warna", "en": "Legend"},
        "portal.impact.map_table": {
            "id": "Kecamatan per provinsi menurut perubahannya",
            "en": "Districts per province by change",
        },
        "portal.impact.ranking": {
            "id": "Perjanjian yang paling menguntungkan",
            "en": "Agreements that would gain most",
        },
        "portal.impact.ranking_hint": {
            "id": "Setiap pasangan anggota yang belum punya perjanjian aktif, dihitung sendiri-sendiri di "
            "atas usulan ({n} pasangan terbaik hasil penyaringan).",
            "en": "Each pair of members without an active agreement, evaluated alone on top of the "
            "proposal ({n} best-screened pairs).",
        },
        "portal.impact.col.pair": {"id": "Pasangan", "en": "Pair"},
        "portal.impact.col.stage": {"id": "Tahap", "en": "Stage"},
        "portal.impact.ranked.newly_reachable_pairs": {"id": "Terjangkau baru", "en": "New pairs"},
        "portal.impact.ranked.faster_pairs": {"id": "Lebih cepat", "en": "Faster"},
        "portal.impact.ranked.days_saved_median": {"id": "Median hari", "en": "Days saved"},
        "portal.impact.ranked.cheaper_pairs": {"id": "Lebih murah", "en": "Cheaper"},
        "portal.impact.ranked.rupiah_saved_median": {"id": "Median hemat", "en": "Saved"},
        "portal.impact.ranked.districts_gaining": {"id": "Kecamatan untung", "en": "Districts gaining"},
        "portal.impact.ranked.remote_gaining": {"id": "Tertinggal untung", "en": "Disadvantaged gaining"},
        "portal.impact.ranked.frontier_gaining": {"id": "Perbatasan untung", "en": "Frontier gaining"},
        "portal.impact.no_stage": {"id": "belum ada", "en": "none"},
        "portal.impact.no_ranking": {
            "id": "Tidak dihitung, atau tidak ada pasangan yang bisa menambah.",
            "en": "Not computed, or no pair could gain.",
        },
        "portal.impact.gaining": {"id": "Kecamatan yang paling untung", "en": "Districts that gain most"},
        "portal.impact.gaining_hint": {
            "id": "{shown} dari {total} kecamatan yang untung; CSV memuat semuanya.",
            "en": "{shown} of {total} gaining districts; the CSV has them all.",
        },
        "portal.impact.col.district": {"id": "Kecamatan", "en": "District"},
        "portal.impact.col.reach": {"id": "Asal yang menjangkau", "en": "Origins reaching"},
        "portal.impact.col.days_change": {"id": "Hari", "en": "Days"},
        "portal.impact.col.price_change": {"id": "Harga", "en": "Price"},
        "portal.impact.remote": {"id": "tertinggal", "en": "disadvantaged"},
        "portal.impact.frontier": {"id": "perbatasan", "en": "frontier"},
        "portal.impact.baselines": {"id": "Pembanding", "en": "Baselines"},
        "portal.impact.col.scenario": {"id": "Skenario", "en": "Scenario"},
        "portal.impact.col.reachable_pairs": {"id": "Pasangan terjangkau", "en": "Reachable pairs"},
        "portal.impact.col.districts_reached": {"id": "Kecamatan terjangkau", "en": "Districts reached"},
        "portal.impact.col.median_days": {"id": "Median hari", "en": "Median days"},
        "portal.impact.col.median_price": {"id": "Median harga", "en": "Median price"},
        "portal.impact.scenario.alone": {
            "id": "Tiap kurir sendiri (tanpa serah terima)",
            "en": "Each carrier alone (no handovers)",
        },
        "portal.impact.scenario.today": {"id": "Perjanjian hari ini", "en": "Today's agreements"},
        "portal.impact.scenario.proposal": {"id": "Dengan usulan", "en": "With the proposal"},
        "portal.impact.scenario.ceiling": {
            "id": "Semua pasangan terbuka (batas atas)",
            "en": "Every pair open (ceiling)",
        },
        "portal.impact.bad_fee": {
            "id": "tulis rupiah bulat, mis. 1500 atau 1.500.",
            "en": "write whole rupiah, e.g. 1500 or 1.500.",
        },
        "portal.impact.pair_incomplete": {
            "id": "perjanjian butuh dua kurir: pilih kurir X dan kurir Y.",
            "en": "an agreement needs two carriers: choose carrier X and carrier Y.",
        },
        "portal.impact.same_carrier": {
            "id": "kurir yang sama dipilih dua kali; pilih dua kurir yang berbeda.",
            "en": "the same carrier is chosen twice; choose two different carriers.",
        },
        "portal.impact.bad_pair": {
            "id": "pilih perjanjian dari daftar.",
            "en": "choose agreements from the list.",
        },
        "portal.impact.bad_join": {"id": "pilih feed dari daftar.", "en": "choose a feed from the list."},
    }
)


def lang() -> str:
    """`id` (default) or `en`, from `JALIN_LANG` through the settings."""
    return _operator_lang()


def _operator_lang() -> str:
    return "en" if Settings().lang.lower().startswith("en") else "id"


def t(key: str, *, lang: str | None = None, **values: object) -> str:
    """The message `key` in `lang` (default: the operator's language), formatted with `values`."""
    return _MESSAGES[key][lang or _operator_lang()].format(**values)


def message_of(code: StrEnum | str, language: str | None = None) -> str:
    """The sentence for an error code in `language` (default: the operator's). A code without an
    entry (a test forbids it) falls back to the code itself rather than failing the page."""
    entry = _ERRORS.get(str(code))
    if entry is None:
        return str(code)
    return entry[language or _operator_lang()]


def catalogue() -> dict[str, dict[str, str]]:
    """Every message key with its texts, errors as `error.<code>`: for the completeness test."""
    return {**_MESSAGES, **{f"error.{code}": texts for code, texts in _ERRORS.items()}}


_DAYS = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
_ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


def when(iso: str) -> str:
    """'Sen 30 Nov 10:00 WIT' from an ISO instant carrying its local offset."""
    dt = datetime.fromisoformat(iso)
    offset = dt.utcoffset()
    zone = _ZONES.get(int(offset.total_seconds() // 3600), "") if offset is not None else ""
    return f"{_DAYS[dt.weekday()]} {dt.day} {_MONTHS[dt.month - 1]} {dt:%H:%M} {zone}".strip()


_WIB = timezone(timedelta(hours=7), "WIB")


def wib(dt: datetime) -> str:
    """'2026-11-28 17:05 WIB' for an instant (a naive one is taken as UTC, as stored)."""
    aware = dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)
    return f"{aware.astimezone(_WIB):%Y-%m-%d %H:%M} WIB"


def thousands(n: int) -> str:
    """12.500: the Indonesian thousands separator."""
    return f"{n:,}".replace(",", ".")


def rupiah(amount: int) -> str:
    """Rp12.500."""
    return "Rp" + thousands(amount)
