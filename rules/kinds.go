package rules

import (
	"encoding/json"
	"sync"

	"github.com/cyberclaims/claims/schema"
)

// kindKeys reads, from rules.schema.json, which keys each rule kind allows,
// so the schema stays the one place that says it.
var kindKeys = sync.OnceValue(func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	raw, err := schema.Raw(schema.RulesSchema)
	if err != nil {
		return out
	}
	var doc struct {
		Defs struct {
			Rule struct {
				Properties map[string]json.RawMessage `json:"properties"`
				AllOf      []struct {
					If struct {
						Properties struct {
							Kind struct {
								Const string   `json:"const"`
								Enum  []string `json:"enum"`
							} `json:"kind"`
						} `json:"properties"`
					} `json:"if"`
					Then struct {
						Properties map[string]json.RawMessage `json:"properties"`
					} `json:"then"`
				} `json:"allOf"`
			} `json:"rule"`
		} `json:"$defs"`
	}
	if json.Unmarshal(raw, &doc) != nil {
		return out
	}
	for _, a := range doc.Defs.Rule.AllOf {
		kinds := a.If.Properties.Kind.Enum
		if c := a.If.Properties.Kind.Const; c != "" {
			kinds = append(kinds, c)
		}
		for _, k := range kinds {
			if out[k] == nil {
				out[k] = map[string]bool{}
				for key := range doc.Defs.Rule.Properties {
					out[k][key] = true
				}
			}
			for key := range a.Then.Properties {
				out[k][key] = true
			}
		}
	}
	return out
})

// allowedKey reports whether a rule of the given kind may have key.
func allowedKey(kind, key string) bool { return kindKeys()[kind][key] }
