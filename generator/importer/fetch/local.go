package fetch

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// Local checks a PDF the maintainer downloaded by hand as Get checks a download: a file, no
// larger than MaxBytes, that starts with %PDF-. It is read where it is, not copied.
func Local(path string, opt Options) (*Report, error) {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a file", path)
	}
	if st.Size() > opt.MaxBytes {
		return nil, fmt.Errorf("%s: the report is %d bytes, more than the %d bytes a report may take", path, st.Size(), opt.MaxBytes)
	}
	head := make([]byte, 5)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte("%PDF-")) {
		return nil, fmt.Errorf("%s: not a PDF (it does not start with %%PDF-): give the report's PDF as saved from the publisher's site", path)
	}
	sum, err := fileSum(path)
	if err != nil {
		return nil, err
	}
	return &Report{Path: path, SHA256: sum}, nil
}
