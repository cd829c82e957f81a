// Command hugoserver is the Hugo that `go run ./generator serve` drives. It builds the site
// with Hugo's own packages (hugolib), serves it over HTTP with Hugo's live reload, and, each
// time serve sends it a batch of changed files on its standard input (package filechange),
// rebuilds with exactly those files: a one-market edit re-renders the pages that market
// touches, never the whole site, and no file-system event batching decides when. It watches
// the hand-made sources (layouts/, assets/, i18n/, static/, content-translations/) itself.
//
// It is a program of its own, run by serve as `go tool hugoserver` (a tool in go.mod, built
// once into Go's cache), so that the generator, which `validate` compiles, stays free of Hugo.
// It stops when its standard input ends (serve stopped or died), or on SIGINT or SIGTERM.
//
//	hugoserver [--source dir] [--destination dir] [--config files] [--port 1313]
//	           [--bind 127.0.0.1] [--baseURL url] [--printI18nWarnings] [--disableFastRender] [--logLevel level]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/filechange"
)

// options are hugoserver's flags, named as Hugo's server names them.
type options struct {
	source, destination, config, bind, baseURL, logLevel string
	port                                                 int
	i18nWarnings, disableFastRender                      bool
}

func main() {
	var o options
	fs := flag.NewFlagSet("hugoserver", flag.ContinueOnError)
	fs.StringVar(&o.source, "source", ".", "the site's folder (hugo.toml)")
	fs.StringVar(&o.source, "s", ".", "shorthand for --source")
	fs.StringVar(&o.destination, "destination", "", "the folder to render into (default: a temporary folder, removed at the end)")
	fs.StringVar(&o.destination, "d", "", "shorthand for --destination")
	fs.StringVar(&o.config, "config", "", "config files, comma-separated (default: hugo.toml)")
	fs.StringVar(&o.baseURL, "baseURL", "", "the site's address, whose path the server keeps (default: hugo.toml's)")
	fs.StringVar(&o.baseURL, "b", "", "shorthand for --baseURL")
	fs.StringVar(&o.bind, "bind", "127.0.0.1", "the interface to listen on")
	fs.IntVar(&o.port, "port", 1313, "the port to listen on")
	fs.IntVar(&o.port, "p", 1313, "shorthand for --port")
	fs.StringVar(&o.logLevel, "logLevel", "warn", "debug, info, warn or error")
	fs.BoolVar(&o.i18nWarnings, "printI18nWarnings", false, "print missing translations")
	fs.BoolVar(&o.disableFastRender, "disableFastRender", false, "re-render every changed page on a rebuild, not only the visited ones")
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "hugoserver: unexpected argument %q\n", fs.Arg(0))
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "hugoserver:", err)
		os.Exit(1)
	}
}

// run builds and serves the site until ctx is done or changes ends.
func run(ctx context.Context, o options, changes io.Reader, stdout, stderr io.Writer) error {
	if o.destination == "" {
		tmp, err := os.MkdirTemp("", "nmw-hugoserver-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		o.destination = tmp
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(o.bind, fmt.Sprint(o.port)))
	if err != nil {
		return err
	}
	o.port = ln.Addr().(*net.TCPAddr).Port
	start := time.Now()
	s, err := newSite(o, stdout, stderr)
	if err != nil {
		ln.Close()
		return err
	}
	if err := s.build(); err != nil {
		// As Hugo's server does: keep serving, and try again on the next change.
		fmt.Fprintf(stderr, "hugoserver: build failed: %v\n", err)
	} else {
		fmt.Fprintf(stdout, "hugoserver: built in %d ms\n", time.Since(start).Milliseconds())
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	queue := newQueue()
	go func() {
		// The end of the input is serve's end.
		if err := filechange.Receive(changes, queue.add); err != nil {
			fmt.Fprintln(stderr, "hugoserver:", err)
		}
		cancel()
	}()
	watched, err := watchSources(ctx, o.source, queue.add)
	if err != nil {
		ln.Close()
		return err
	}
	built := make(chan struct{})
	go func() {
		defer close(built)
		for batch := range queue.batches(ctx) {
			s.rebuild(batch)
		}
	}()

	srv := &http.Server{Handler: s.handler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "hugoserver: serving %s at http://%s/ (watching %s too)\n", filepath.Clean(o.source), ln.Addr(), watched)

	select {
	case <-ctx.Done():
	case err = <-served:
	}
	cancel()
	shut, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	srv.Shutdown(shut)
	<-built
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
