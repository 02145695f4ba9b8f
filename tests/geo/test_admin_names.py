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
