package domain

import "testing"

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{
		"taobao.com":            "taobao.com",
		"item.taobao.com":       "item.taobao.com",
		"shop.com.cn":           "shop.com.cn",
		"бухта.рф":              "xn--80ab5cdk.xn--p1ai",
		"xn--80ab5cdk.xn--p1ai": "xn--80ab5cdk.xn--p1ai",
		"TAOBAO.COM":            "taobao.com",
	} {
		got, err := Canonical(in)
		if err != nil || got != want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "taobao", "com.cn", "co.uk", "https://taobao.com", "taobao.com.", "tao bao.com", "taobao.notatld", "a..b.com", "-bad-.com", "user@taobao.com", "taobao.com:8080"} {
		if got, err := Canonical(bad); err == nil {
			t.Errorf("Canonical(%q) = %q, want an error", bad, got)
		}
	}
}

func TestCovers(t *testing.T) {
	for _, c := range []struct {
		listed, host string
		want         bool
	}{
		{"example.com", "example.com", true},
		{"example.com", "shop.example.com", true},
		{"example.com", "example.com.evil.net", false},
		{"example.com", "notexample.com", false},
		{"example.com", "com", false},
	} {
		if got := Covers(c.listed, c.host); got != c.want {
			t.Errorf("Covers(%q, %q) = %v", c.listed, c.host, got)
		}
	}
}

func TestUnicode(t *testing.T) {
	if got := Unicode("xn--80ab5cdk.xn--p1ai"); got != "бухта.рф" {
		t.Errorf("got %q", got)
	}
}
