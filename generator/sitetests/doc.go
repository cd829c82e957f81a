// Package sitetests builds the site with Hugo and checks the HTML a reader gets.
package sitetests
