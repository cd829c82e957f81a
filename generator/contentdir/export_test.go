package contentdir

// SetFailpoint makes f decide, before each change to the file system, whether it fails.
func SetFailpoint(f func(op, path string) error) { failpoint = f }
