package site

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

// partlyRecordedText is how the check states a partly recorded latest edition, with the numbers
// of model.Coverage, which `go run ./generator coverage` prints.
func partlyRecordedText(t *testing.T, site *model.Site, e *model.Edition) string {
	for _, c := range model.Coverage(site) {
		if c.Edition != e {
			continue
		}
		if c.Total.Official == nil {
			return fmt.Sprintf("%d %s list: %d markets recorded so far; its official count is not published in what we could read", e.Year, e.Publisher.Short, c.Total.Recorded)
		}
		return fmt.Sprintf("%d %s list: %d of its %d markets recorded so far", e.Year, e.Publisher.Short, c.Total.Recorded, *c.Total.Official)
	}
	t.Fatalf("no coverage for %s", e.ID())
	return ""
}

// TestCheckSaysWhatItKnows asks the check, on the site built from the real data, for a shop it
// does not record and for a market that a partly recorded latest edition does not record: both
// answers must carry the coverage numbers, never claim the shop is off the lists.
func TestCheckSaysWhatItKnows(t *testing.T) {
	root := sitetest.Root(t)
	site, problems, err := pipeline.Load(filepath.Join(root, "data"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	var partial []string
	for _, p := range site.Publishers {
		if e := p.Latest(); e != nil && !model.Complete(e) {
			partial = append(partial, partlyRecordedText(t, site, e))
		}
	}
	if len(partial) == 0 {
		t.Skip("every latest edition is fully recorded: nothing partial to state")
	}
	var unknown *model.Market
	for _, m := range site.Markets {
		if m.LatestUnknown() && len(m.Domains.Current) > 0 {
			unknown = m
			break
		}
	}

	built := sitetest.Shared(t, sitetest.Options{Args: []string{"--minify"}})
	base := browser.Serve(t, built.Public, nil)
	ctx, console := browser.Start(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("form.check.ready"))); err != nil {
		t.Fatal(err)
	}
	cases := []askCase{{"not found", "https://www.example-shop-nowhere.net/deal",
		append([]string{notCovered,
			fmt.Sprintf("www.example-shop-nowhere.net is not among the %d markets recorded here", len(site.Markets)),
			"See how complete the data is", noGuarantee, "Before you buy, check:"}, partial...),
		[]string{"is on none of the lists", "Not on the lists"}}}
	if unknown != nil {
		var want []string
		for _, s := range unknown.Statuses {
			if s.Latest == model.Unknown {
				want = append(want, partlyRecordedText(t, site, s.Publisher.Latest()))
			}
		}
		cases = append(cases, askCase{"found, unknown in the latest edition", unknown.Domains.Current[0],
			append([]string{"Listed before: " + unknown.Name,
				"We cannot tell whether " + unknown.Name + " is still listed",
				"That is a gap in our data, not a sign it left the list."}, want...),
			[]string{"Formerly listed"}})
	} else {
		t.Log("no market is unknown in a latest edition: the found-but-unknown answer is not asked")
	}
	run(t, ctx, "#check-q", "#check-answer", cases)
	if p := console.Problems(); len(p) > 0 {
		t.Errorf("console errors: %q", p)
	}
}
