// Package cache keeps each document's extracted claims on disk, so that a
// build after editing one document of many extracts only that document.
//
// An entry is keyed by everything its claims depend on: the document's id
// and bytes, the rule set's version, the program's version (its own bytes
// included, so a rebuilt binary never trusts a stale entry) and the entry
// layout. Entries are written whole (a temporary file renamed into place)
// and carry a checksum: a torn or corrupt entry reads as a miss and is
// rebuilt. The cache is only ever an accelerator: deleting it is always safe.
package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cyberclaims/claims/schema"
)

// DefaultDir is where build keeps its cache unless told otherwise.
const DefaultDir = ".cache/claims"

// keep is how many cache generations (rule set and program versions) are
// kept: switching between a few rule sets stays fast, and old ones go.
const keep = 4

// Cache is a directory of entries for one rule set and program version.
// It is safe for concurrent use.
type Cache struct {
	dir      string
	salt     []byte
	readOnly bool
}

func newCache(root, program, rules string) *Cache {
	salt := []byte(codecVersion + "\x00" + program + "\x00" + rules + "\x00")
	sum := sha256.Sum256(salt)
	return &Cache{dir: filepath.Join(root, "v-"+hex.EncodeToString(sum[:8])), salt: salt}
}

// OpenReadOnly returns the cache under root for reading only: Put stores
// nothing and nothing is created or removed (build --check writes nothing).
func OpenReadOnly(root, program, rules string) *Cache {
	c := newCache(root, program, rules)
	c.readOnly = true
	return c
}

// Open returns the cache under root for the given program and rule-set
// versions, creating it, and removes the oldest other generations.
func Open(root, program, rules string) (*Cache, error) {
	c := newCache(root, program, rules)
	dir := c.dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	now := time.Now()
	_ = os.Chtimes(dir, now, now) // marks this generation as the newest
	prune(root, dir)
	return c, nil
}

// prune removes generations beyond the newest few. Failures are ignored:
// another build may be pruning too, and a leftover costs only space.
func prune(root, current string) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	type gen struct {
		path string
		mod  time.Time
	}
	var gens []gen
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "v-") {
			continue
		}
		p := filepath.Join(root, e.Name())
		if info, err := e.Info(); err == nil && p != current {
			gens = append(gens, gen{p, info.ModTime()})
		}
	}
	sort.Slice(gens, func(i, j int) bool { return gens[i].mod.After(gens[j].mod) })
	for i := keep - 1; i < len(gens); i++ {
		os.RemoveAll(gens[i].path)
	}
}

// Dir returns the directory of this generation's entries.
func (c *Cache) Dir() string { return c.dir }

func (c *Cache) path(doc string, text []byte) string {
	h := sha256.New()
	h.Write(c.salt)
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(doc)))
	h.Write(n[:])
	h.Write([]byte(doc))
	h.Write(text)
	k := hex.EncodeToString(h.Sum(nil)[:16])
	return filepath.Join(c.dir, k[:2], k[2:])
}

// magic starts every entry; the payload follows, then its length and CRC-32C.
const magic = "claims-cache\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Get returns the claims cached for a document with this id and text. A
// missing, torn or corrupt entry is a miss.
func (c *Cache) Get(doc string, text []byte) ([]schema.Claim, bool) {
	b, err := os.ReadFile(c.path(doc, text))
	if err != nil || len(b) < len(magic)+12 || string(b[:len(magic)]) != magic {
		return nil, false
	}
	payload := b[len(magic) : len(b)-12]
	tail := b[len(b)-12:]
	if binary.LittleEndian.Uint64(tail) != uint64(len(payload)) || binary.LittleEndian.Uint32(tail[8:]) != crc32.Checksum(payload, castagnoli) {
		return nil, false
	}
	claims, err := decodeClaims(string(payload))
	if err != nil {
		return nil, false
	}
	return claims, true
}

// Put stores a document's claims. Callers store only claims that passed
// validation: a hit is taken as valid without checking again.
func (c *Cache) Put(doc string, text []byte, claims []schema.Claim) error {
	if c.readOnly {
		return nil
	}
	payload, err := encodeClaims(claims)
	if err != nil {
		return err
	}
	p := c.path(doc, text)
	b := make([]byte, 0, len(magic)+len(payload)+12)
	b = append(b, magic...)
	b = append(b, payload...)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(payload)))
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(payload, castagnoli))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	// Not synced: after a crash an entry is whole or fails its checksum.
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Program returns a version string for the running program: version, and
// a hash of the executable, since development builds change without the
// version changing. If the executable cannot be read, version alone.
func Program(version string) string {
	if h := exeHash(); h != "" {
		return version + "+" + h
	}
	return version
}

var exeHash = sync.OnceValue(func() string {
	p, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
})
