// Package site holds tests of the built site as a whole: its pages, the check's index, and the
// check and search in a real browser. Its fixture data is in testdata/data.
package site
