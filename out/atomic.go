package out

import (
	"os"
	"path/filepath"
)

// AtomicFile is a file written in full before it replaces path, for output
// too large to hold in memory first: a reader or a crash sees the old file
// or the new one, never a part.
type AtomicFile struct {
	*os.File
	path string
}

// CreateAtomic starts writing path through a temporary file beside it.
func CreateAtomic(path string) (*AtomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &AtomicFile{File: f, path: path}, nil
}

// Commit syncs the temporary file and renames it over path.
func (f *AtomicFile) Commit() error {
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), f.path)
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	return syncDir(filepath.Dir(f.path))
}

// Abort removes the temporary file; path is untouched.
func (f *AtomicFile) Abort() {
	f.Close()
	os.Remove(f.Name())
}
