"""Demo regions. Countries, sectors and languages come from the reference data migration."""

from .models import Country, Region, Sector

# Populations of the three Ivorian regions: RGPH 2021 (general census of population and housing).
# The regions of the partner countries carry no figure rather than an unchecked one.
REGIONS = [
    {
        "country": "CI",
        "name": "San-Pédro",
        "capital": "San-Pédro",
        "population": 1_060_724,
        "population_source": "RGPH 2021",
        "sectors": [
            "cocoa-coffee",
            "rubber-palm",
            "agri-processing",
            "ports-logistics",
            "fisheries",
            "tourism",
        ],
        "description": (
            "Région côtière du Bas-Sassandra organisée autour du port de San-Pédro, premier port "
            "d'exportation de cacao. Agriculture d'exportation (cacao, café, hévéa, palmier à "
            "huile), agro-industrie, pêche et tourisme balnéaire."
        ),
    },
    {
        "country": "CI",
        "name": "Nawa",
        "capital": "Soubré",
        "population": 1_165_472,
        "population_source": "RGPH 2021",
        "sectors": ["cocoa-coffee", "rubber-palm", "agriculture", "agri-processing", "energy"],
        "description": (
            "Région du Bas-Sassandra parmi les premières productrices de cacao du pays, traversée "
            "par le fleuve Sassandra et son barrage hydroélectrique de Soubré. Vivriers, hévéa et "
            "transformation agricole."
        ),
    },
    {
        "country": "CI",
        "name": "Cavally",
        "capital": "Guiglo",
        "population": 708_241,
        "population_source": "RGPH 2021",
        "sectors": ["cocoa-coffee", "rubber-palm", "forestry", "mining", "agriculture"],
        "description": (
            "Région forestière de l'ouest, frontalière du Libéria, qui abrite une partie du parc "
            "national de Taï. Cacao, hévéa, exploitation forestière et potentiel minier."
        ),
    },
    {
        "country": "MA",
        "name": "Souss-Massa",
        "capital": "Agadir",
        "sectors": ["agriculture", "fisheries", "tourism", "agri-processing"],
        "description": "Région du sud-ouest marocain : agriculture d'exportation, pêche, tourisme.",
    },
    {
        "country": "ML",
        "name": "Kayes",
        "capital": "Kayes",
        "sectors": ["mining", "agriculture", "livestock", "migration"],
        "description": "Région de l'ouest malien, minière, au cœur d'une longue tradition "
        "migratoire.",
    },
    {
        "country": "SN",
        "name": "Sédhiou",
        "capital": "Sédhiou",
        "sectors": ["agriculture", "fisheries", "forestry"],
        "description": "Région de Casamance, agricole et forestière, le long du fleuve Casamance.",
    },
]


def seed(*, stdout) -> None:
    countries = {
        c.iso2: c for c in Country.objects.filter(iso2__in={r["country"] for r in REGIONS})
    }
    sectors = {s.code: s for s in Sector.objects.all()}
    for row in REGIONS:
        region, _created = Region.objects.update_or_create(
            country=countries[row["country"]],
            name=row["name"],
            defaults={
                "capital": row["capital"],
                "population": row.get("population"),
                "population_source": row.get("population_source", ""),
                "description": row["description"],
            },
        )
        region.main_sectors.set([sectors[code] for code in row["sectors"]])
    stdout.write(f"Territories: {len(REGIONS)} regions.")
