package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/kotabaru/tanggap/models"
)

func userCmd(ctx context.Context, cfg Config, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("user needs add, passwd or deactivate: %w", errUsage)
	}
	action := args[0]
	fs := flag.NewFlagSet("user "+action, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	email := fs.String("email", "", "e-mail address")
	name := fs.String("name", "", "name")
	role := fs.String("role", "", "ADMIN, TRC, PIC or AUDITOR")
	agency := fs.String("agency", "", "agency slug, for a PIC")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%v: %w", err, errUsage)
	}
	if *email == "" {
		return fmt.Errorf("--email is required: %w", errUsage)
	}
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = models.NewContextWithUser(ctx, models.SystemUser)

	switch action {
	case "add":
		password, err := readPassword(stdin)
		if err != nil {
			return err
		}
		user, err := db.CreateUser(ctx, models.NewUser{
			Email: *email, Name: *name, Password: password, Role: models.Role(strings.ToUpper(*role)), AgencySlug: *agency,
		})
		if err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "Created %s account %s (id %d).\n", user.Role, user.Email, user.ID)
	case "passwd":
		password, err := readPassword(stdin)
		if err != nil {
			return err
		}
		if _, err := db.UpdateUser(ctx, *email, models.UserUpdate{Password: &password}); err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "Password of %s changed; earlier sessions are signed out.\n", *email)
	case "deactivate":
		if _, err := db.DeactivateUser(ctx, *email); err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "Deactivated %s; its sessions are signed out.\n", *email)
	default:
		return fmt.Errorf("unknown user action %q: %w", action, errUsage)
	}
	return nil
}

// readPassword takes the first line of standard input.
func readPassword(stdin io.Reader) (string, error) {
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password from standard input: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("give the password on standard input, e.g. `echo 'secret' | tanggap user add …`")
	}
	return line, nil
}

// describe turns a domain error into a message for the terminal.
func describe(err error) error {
	if models.ErrorCode(err) == models.EINTERNAL {
		return err
	}
	if field := models.ErrorField(err); field != "" {
		return fmt.Errorf("%s: %s", field, models.ErrorMessage(err))
	}
	return errors.New(models.ErrorMessage(err))
}
