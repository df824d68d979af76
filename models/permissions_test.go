package models_test

import (
	"testing"

	"github.com/kotabaru/tanggap/models"
)

func TestRequireRole(t *testing.T) {
	trc := &models.User{ID: 1, Role: models.RoleTRC}
	pic := &models.User{ID: 2, Role: models.RolePIC}
	for _, c := range []struct {
		name  string
		user  *models.User
		roles []models.Role
		want  string
	}{
		{"OK", trc, []models.Role{models.RoleTRC}, ""},
		{"OKAmongSeveral", pic, []models.Role{models.RoleTRC, models.RolePIC}, ""},
		{"ErrUnauthenticated", nil, []models.Role{models.RoleTRC}, models.EUNAUTHENTICATED},
		{"ErrForbidden", pic, []models.Role{models.RoleTRC, models.RoleAdmin}, models.EFORBIDDEN},
		{"ErrForbiddenNoRoles", trc, nil, models.EFORBIDDEN},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := models.RequireRole(c.user, c.roles...)
			if got := models.ErrorCode(err); got != c.want {
				t.Fatalf("RequireRole = %v, want code %q", err, c.want)
			}
			if allowed := models.HasRole(c.user, c.roles...); allowed != (c.want == "") {
				t.Errorf("HasRole = %v, RequireRole = %v", allowed, err)
			}
		})
	}
}
