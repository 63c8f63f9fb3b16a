"""The named queries' test cases: each query with the parameters of its case (shared by the tests and
by the script that writes the reviewed expected answers, tests/expected/<case>.csv)."""

CASES: dict[str, tuple[str, dict[str, str]]] = {
    "strategy-tree": ("strategy-tree", {}),
    "projects-in-production": ("projects", {"status": "pkc:InProduction", "year": "2020"}),
    "projects-in-production-2020": ("projects-in-production-2020", {}),
    "entity-facts-wanmo": ("entity-facts", {"entity": "project:wanmo-acoustics-smart-manufacturing"}),
    "chain-members-nonferrous": ("chain-members", {"chain": "cluster:nonferrous-metals"}),
    "parks": ("parks", {}),
    "top-three-rankings": ("top-three-rankings", {}),
    "indicator-over-periods-gdp": ("indicator-over-periods", {"indicator": "ind:gdp"}),
    "indicator-over-periods-industrial-value-added": ("indicator-over-periods", {"indicator": "ind:industrial-value-added"}),
    "plan-against-outcome": ("plan-against-outcome", {}),
    "conflicting-figures": ("conflicting-figures", {}),
    "spelling-variants": ("spelling-variants", {}),
    "events": ("events", {}),
    "corroborated-facts": ("corroborated-facts", {}),
    "support-per-source": ("support-per-source", {}),
    "chain-neighbourhood-nonferrous": ("chain-neighbourhood", {"chain": "cluster:nonferrous-metals"}),
    "park-neighbourhood-hi-tech-zone": ("park-neighbourhood", {"park": "park:hengyang-hi-tech-zone"}),
    # a park with an area and no tenants: only its places (an earlier version drew every project into it)
    "park-neighbourhood-rice-base": ("park-neighbourhood", {"park": "park:hengnan-third-generation-hybrid-rice-base"}),
    "portfolio-investment": ("portfolio-investment", {}),
    "portfolio-investment-first-half": ("portfolio-investment", {"period": "period:2020-01_2020-06"}),
    "keyword-entities-park-upgrading": ("keyword-entities", {"keyword": "keyword:000-park-upgrading"}),
    "goal-measures-industry-strong-city": ("goal-measures", {"goal": "goal:industry-strong-city"}),
    "goal-targets-opening-up-highland": ("goal-targets", {"goal": "goal:opening-up-highland"}),
    "measure-names-industry-strong-city-1": ("measure-names", {"measure": "measure:industry-strong-city-1"}),
    "awards-2020": ("awards", {"year": "2020"}),
    "find-entity-wansheng": ("find-entity", {"text": "万声声学"}),
    "claims-per-source": ("claims-per-source", {}),
}
