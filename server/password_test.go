package server_test

import (
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestFaultPasswordPolicyAPI sets guessable passwords through createUser and
// updateUser: each is refused as BAD_USER_INPUT naming the field, writes
// nothing, and a good password still goes through.
func TestFaultPasswordPolicyAPI(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		admin := storetest.MustUser(t, db, "admin@kotabaru.test", models.RoleAdmin, "")
		token := api.login(admin.Email, storetest.Password)
		const create = `mutation($in: CreateUserInput!) { createUser(input: $in) { user { email } } }`
		const update = `mutation($in: UpdateUserInput!) { updateUser(input: $in) { user { email } } }`
		newUser := func(email, password string) map[string]any {
			return input(map[string]any{"email": email, "name": "Petugas Baru", "password": password, "role": "TRC"})
		}

		for _, bad := range []struct{ email, password, message string }{
			{"petugas.satu@kotabaru.test", "bismillah123", "terlalu umum"},
			{"petugas.satu@kotabaru.test", "Indonesia2026!", "terlalu umum"},
			{"petugas.satu@kotabaru.test", "tanggap-demo-2026", "kata sandi demo"},
			{"petugas.satu@kotabaru.test", "petugas.satu@kotabaru.test", "alamat e-mail"},
			{"rahmat.hidayat@kotabaru.test", "rahmat.hidayat1", "alamat e-mail"},
			{"petugas.satu@kotabaru.test", "            ", "hanya berisi spasi"},
		} {
			r := mutate(t, api, token, create, newUser(bad.email, bad.password), models.EINVALID)
			if r.Errors[0].Extensions["field"] != "password" || !strings.HasPrefix(r.Errors[0].Message, "password: ") ||
				!strings.Contains(r.Errors[0].Message, bad.message) {
				t.Errorf("createUser with %q: %s", bad.password, r.Raw)
			}
		}
		mutate(t, api, token, create, newUser("petugas.satu@kotabaru.test", "Perahu-Layar-Selat-Laut-7"), "")

		r := mutate(t, api, token, update, input(map[string]any{"email": "petugas.satu@kotabaru.test", "password": "sayangku2026"}), models.EINVALID)
		if r.Errors[0].Extensions["field"] != "password" {
			t.Errorf("updateUser with a common password: %s", r.Raw)
		}
		mutate(t, api, token, update, input(map[string]any{"email": "petugas.satu@kotabaru.test", "password": "Jembatan-Sebuku-Tanjung-9"}), "")
	})
}

// TestDemoPasswordIsRefusedOutsideDemo ties the password the policy refuses
// to the one the demo accounts get.
func TestDemoPasswordIsRefusedOutsideDemo(t *testing.T) {
	if store.DemoPassword != auth.DemoPassword {
		t.Fatalf("demo accounts use %q, the policy refuses %q", store.DemoPassword, auth.DemoPassword)
	}
}
