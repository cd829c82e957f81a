package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/importer/pdftext"
)

// TestTextCases reads each report text in testdata/*.txt and compares what it reads with the
// sections after the text: "=== title", "=== markets" (one line per market: page | section |
// name | kind | domains | country | city | development | categories), "=== unreadable",
// "=== notes", "=== counts" (as the report states them) and "=== text NAME" (an entry's text). A line "^L" is a page break. Bold type is
// written **so** (boldHints): a line wholly bold is a heading, bold words opening a line a
// run-in name, as a PDF's typography gives them.
func TestTextCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no test cases in testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			parts := strings.Split(string(b), "\n=== ")
			text, hints := boldHints(strings.ReplaceAll(parts[0], "\n^L\n", "\n\f"))
			r, err := ParseWith(pdftext.Split(text), hints)
			if err != nil {
				t.Fatal(err)
			}
			for _, part := range parts[1:] {
				head, want, _ := strings.Cut(part, "\n")
				want = strings.TrimRight(want, "\n")
				var got []string
				switch {
				case head == "title":
					got = []string{r.Title}
				case head == "markets":
					for _, m := range r.Markets {
						dev := ""
						if m.Development {
							dev = "development"
						}
						got = append(got, strings.TrimRight(fmt.Sprintf("%d | %s | %s | %s | %s | %s | %s | %s | %s", m.Page, m.Section, m.Name, m.Kind,
							strings.Join(m.Domains, " "), m.Country, m.City, dev, strings.Join(m.Categories, " ")), " "))
					}
					want = trimLines(want)
				case head == "unreadable":
					for _, n := range r.Unreadable {
						got = append(got, n.String())
					}
				case head == "notes":
					for _, n := range r.Notes {
						got = append(got, n.String())
					}
				case head == "counts":
					if c := r.Counts; c != nil {
						got = []string{fmt.Sprintf("online %d, physical %d, page %d: %q", c.Online, c.Physical, c.Page, c.Phrase)}
					}
				case strings.HasPrefix(head, "text "):
					for _, m := range r.Markets {
						if m.Name == strings.TrimPrefix(head, "text ") {
							got = append(got, m.Text)
						}
					}
				default:
					t.Fatalf("unknown section %q", head)
				}
				if g := strings.Join(got, "\n"); g != want {
					t.Errorf("%s:\n got:\n%s\nwant:\n%s", head, g, want)
				}
			}
		})
	}
}

func trimLines(s string) string {
	ls := strings.Split(s, "\n")
	for i, l := range ls {
		ls[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(ls, "\n")
}

func TestJoinLines(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"coun-\nterfeit goods", "counterfeit goods"},
		{"e-\ncommerce", "e-commerce"},
		{"anti-\ncounterfeiting", "anti-counterfeiting"},
		{"watch-\nfree-movies.com", "watch-free-movies.com"},
		{"Nominated as X-\nStream", "Nominated as X-Stream"},
		{"a  line\n  and   another", "a line and another"},
	} {
		if got := joinLines(strings.Split(c.in, "\n")); got != c.want {
			t.Errorf("joinLines(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHostOf(t *testing.T) {
	for in, want := range map[string]string{
		"WWW.1337X.TO.":              "1337x.to",
		"https://www.Example.com/x)": "example.com",
		"БУХТА.РФ":                   "xn--80ab5cdk.xn--p1ai",
		"pan.baidu.com,":             "pan.baidu.com",
		"co.uk":                      "",
		"Inc.":                       "",
		"U.S.":                       "",
		"e.g.":                       "",
	} {
		if got := hostOf(in); got != want {
			t.Errorf("hostOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNominatedDomains(t *testing.T) {
	got := nominatedDomains("Nominated as 1337x.to, 1337x.st, and x1337x.ws, this site is popular. It links to other.com.")
	if want := "1337x.to 1337x.st x1337x.ws"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestCountry(t *testing.T) {
	for in, want := range map[string]string{
		"China": "CN", "KYRGYZ REPUBLIC": "KG", "the Netherlands": "NL", "Vietnam": "VN",
		"United Arab Emirates": "AE", "Türkiye": "TR", "Russia": "RU", "Online Markets": "",
	} {
		if got := Country(in); got != want {
			t.Errorf("Country(%q) = %q, want %q", in, got, want)
		}
	}
	if code, phrase := basedCountry("The site is reportedly operated from Hanoi, Vietnam, and hosted in Canada."); code != "VN" || !strings.HasPrefix(phrase, "operated from Hanoi") {
		t.Errorf("basedCountry = %q, %q", code, phrase)
	}
}

// BenchmarkParse reads the text test reports, as the import does after pdftotext.
func BenchmarkParse(b *testing.B) {
	files, _ := filepath.Glob("testdata/*.txt")
	var reports [][]string
	for _, f := range files {
		t, _ := os.ReadFile(f)
		text, _, _ := strings.Cut(string(t), "\n=== ")
		reports = append(reports, pdftext.Split(strings.ReplaceAll(text, "\n^L\n", "\n\f")))
	}
	b.ResetTimer()
	for b.Loop() {
		for _, pages := range reports {
			if _, err := Parse(pages); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestTextRunIn(t *testing.T) {
	for in, want := range map[string]string{
		"Cloudstash. Nominated as cloudstash.net.":             "Cloudstash",
		"Mercado Azul (Lima, Peru). Vendors reportedly sell.":  "Mercado Azul (Lima, Peru)",
		"Galeria Norte, Asunción. This market sells.":          "Galeria Norte, Asunción",
		"Torrentia (torrentia.to). The index is based abroad.": "Torrentia (torrentia.to)",
		"U.S. right holders report counterfeit goods.":         "",
		"Country: Sweden. The mirror network copies an index.": "",
		"Nominated as Foo Bar. The site is popular.":           "",
		"Right holders say. The site is popular.":              "",
	} {
		if got, _ := textRunIn(in); got != want {
			t.Errorf("textRunIn(%q) = %q, want %q", in, got, want)
		}
	}
}
