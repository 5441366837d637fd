// Command claims turns raw texts about national positions in cyber
// diplomacy into a reviewed, schema-valid dataset of claims.
package main

import "os"

func main() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) }
