//go:build !unix

package corpus

import (
	"errors"
	"os"
	"time"
)

// lockFile takes an exclusive lock by creating path, waiting while another
// process holds it. Without flock, a crashed holder leaves the file behind:
// the error says so.
func lockFile(path string) (func(), error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, os.ErrExist) || time.Now().After(deadline) {
			return nil, errors.New(path + ": locked by another reviewer (delete it if no review is running)")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
