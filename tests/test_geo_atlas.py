import pytest

from jalin.geo import Level, Zone, normalize_code, zone_of


def test_region_counts_match_kemendagri(atlas):
    assert {lv: len(atlas.areas(lv)) for lv in Level} == {
        Level.PROVINCE: 38,
        Level.REGENCY: 514,
        Level.DISTRICT: 7285,
        Level.VILLAGE: 83762,
    }


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("11", Zone.WIB),
        ("21", Zone.WIB),
        ("31.71.06", Zone.WIB),
        ("36", Zone.WIB),
        ("61", Zone.WIB),
        ("62", Zone.WIB),
        ("51", Zone.WITA),
        ("53", Zone.WITA),
        ("63", Zone.WITA),
        ("65", Zone.WITA),
        ("74.01.04.1004", Zone.WITA),
        ("76", Zone.WITA),
        ("81", Zone.WIT),
        ("82", Zone.WIT),
        ("91", Zone.WIT),
        ("95.01", Zone.WIT),
        ("96", Zone.WIT),
    ],
)
def test_zone_follows_province_code(code, zone):
    assert zone_of(code) is zone


def test_every_province_has_a_zone(atlas):
    offsets = {p.code: p.zone.offset_hours for p in atlas.areas(Level.PROVINCE)}
    assert set(offsets.values()) == {7, 8, 9}


def test_zone_rejects_codes_outside_the_contract():
    with pytest.raises(ValueError, match="no time zone"):
        zone_of("99")


def test_every_regency_and_district_has_a_point_inside_indonesia(atlas):
    for level in (Level.REGENCY, Level.DISTRICT):
        for area in atlas.areas(level):
            p = atlas.point(area.code)
            assert p is not None, area.code
            assert -11.5 <= p.lat <= 6.5 and 94.5 <= p.lon <= 141.5, (area.code, p)


def test_points_are_near_their_regency(atlas):
    """A district's point lies within 600 km of its regency's (catches namesakes on other islands)."""
    from math import asin, cos, radians, sin, sqrt

    def km(a, b):
        la1, lo1, la2, lo2 = map(radians, (a.lat, a.lon, b.lat, b.lon))
        h = sin((la2 - la1) / 2) ** 2 + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) ** 2
        return 2 * 6371 * asin(sqrt(h))

    far = [d.code for d in atlas.districts() if km(atlas.point(d.code), atlas.point(d.code[:5])) > 600]
    assert len(far) < 20, far[:20]


def test_borrowed_points_are_flagged_approximate(atlas):
    sources = {atlas.point(d.code).source: atlas.point(d.code).approximate for d in atlas.districts()}
    assert sources["name"] is False
    assert all(sources[s] for s in sources if s != "name")
    assert atlas.point("74.01.04.1004").approximate  # villages borrow their district's point


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("74", "74"),
        ("7401", "74.01"),
        ("74.01.04", "74.01.04"),
        ("7401041004", "74.01.04.1004"),
        (" 74.01 ", "74.01"),
        ("93518", None),
        ("74.1", None),
        ("kolaka", None),
        ("", None),
    ],
)
def test_normalize_code(text, code):
    assert normalize_code(text) == code


def test_districts_within_follows_code_segments(atlas):
    depok = atlas.districts_within("32.76")
    assert len(depok) == 11 and all(c.startswith("32.76.") for c in depok)
    assert atlas.districts_within("32.76.01") == ["32.76.01"]
    assert atlas.districts_within("32.7") == []
    assert len(atlas.districts_within("32")) == sum(len(atlas.children(r.code)) for r in atlas.children("32"))


def test_search_ranks_exact_names_and_bigger_regions_first(atlas):
    found = atlas.search("Kab. Bogor")
    assert found[0].code == "32.01"
    assert [a.code for a in atlas.search("kolaka", level=Level.DISTRICT)][:1] == ["74.01.04"]
    assert all(a.level != Level.VILLAGE for a in atlas.search("sukamaju"))
    assert atlas.search("sukamaju", level=Level.VILLAGE, limit=5)
