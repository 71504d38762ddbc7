/** Log in with a username and password; the token goes to the session and we return to where we were. */
import { Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { Auth } from '../../core/auth';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

@Component({
  selector: 'app-login',
  imports: [FormsModule, ProblemAlert],
  templateUrl: './login.html',
})
export class Login {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string>();
  readonly expired = input<string>();

  protected readonly username = signal('admin');
  protected readonly password = signal('');
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemView | null>(null);

  protected async submit(): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.auth.login(this.username(), this.password());
      const target = this.returnUrl();
      await this.router.navigateByUrl(target && target.startsWith('/') && !target.startsWith('//') ? target : '/home');
    } catch (err) {
      this.problem.set(toProblem(err));
    } finally {
      this.busy.set(false);
    }
  }
}
