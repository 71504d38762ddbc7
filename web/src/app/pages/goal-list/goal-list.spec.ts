import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { afterEach, describe, expect, it } from 'vitest';
import { GoalList } from './goal-list';

describe('GoalList', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('starts filtered by the ?status= of the link that opened it (the home page counts)', async () => {
    TestBed.configureTestingModule({ imports: [GoalList], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(GoalList);
    fixture.componentRef.setInput('status', 'failed');
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/goals' && r.params.get('status') === 'failed').flush({ items: [], nextCursor: null });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector<HTMLSelectElement>('#status-filter')!.value).toBe('failed');
    expect(el.textContent).toContain('No goals are failed.');
    fixture.destroy();
  });
});
