package demodata

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// holidaysJSON lists Indonesia's national holidays and cuti bersama days,
// each year with its source and whether the list is complete.
//
//go:embed holidays.json
var holidaysJSON []byte

// Holiday is a dated day off. Kind is NATIONAL, CUTI_BERSAMA or REGIONAL.
type Holiday struct {
	Date string `json:"date"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// HolidayYear says where the holidays of one year come from.
type HolidayYear struct {
	Year int `json:"year"`
	// Complete is false when only the dates known for certain are listed
	// and the rest follow a decree not yet in the data.
	Complete bool   `json:"complete"`
	Source   string `json:"source"`
}

type holidayFile struct {
	Years    []HolidayYear `json:"years"`
	Holidays []Holiday     `json:"holidays"`
}

// Holidays returns the national holidays and cuti bersama days of the data,
// in date order, and the source of each year.
func Holidays() ([]Holiday, []HolidayYear) {
	var f holidayFile
	if err := json.Unmarshal(holidaysJSON, &f); err != nil {
		// The file is part of the build and checked by the tests.
		panic(fmt.Sprintf("demodata: holidays.json: %v", err))
	}
	return f.Holidays, f.Years
}
