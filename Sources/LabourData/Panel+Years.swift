extension Panel {
    /// The panel as it was known at the end of `year`: rows of later years dropped (regions and
    /// occupations kept, so codes index the same way). For honest backtests and evaluations.
    public func through(year: Int) -> Panel {
        let keep = years.indices.filter { Int(years[$0]) <= year }
        return Panel(measures: measures, regions: regions, occupations: occupations,
                     regionIndex: keep.map { regionIndex[$0] }, occupationIndex: keep.map { occupationIndex[$0] },
                     years: keep.map { years[$0] }, values: values.map { column in keep.map { column[$0] } })
    }
}
