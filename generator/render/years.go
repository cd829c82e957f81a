package render

// YearRanges writes years as the pages do, e.g. "2016–2018, 2020".
func YearRanges(years []int) string { return yearRanges(years) }
