package io.github.kafkaresilience.benchmarks;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Broker CPU per request, fitted over many windows: CPU above idle = the sum over request
 * kinds of rate × cost, by least squares without intercept. A window's fetch rate falls
 * when the consumers' JVM is saturated, so comparing two windows by their CPU alone would
 * credit the heartbeats with the fetches that went missing; the fit keeps them apart.
 *
 * @author kafka-resilience
 */
final class RequestCostFit {

	private RequestCostFit() {
	}

	/**
	 * Fit the cost of each request kind.
	 * @param <T> the window type
	 * @param windows the observations
	 * @param cpu CPU milliseconds per second above idle of a window
	 * @param rates requests per second of each kind in a window
	 * @return milliseconds of CPU per request, one per kind; empty if the windows do not
	 * tell the kinds apart
	 */
	static <T> double[] millisPerRequest(List<T> windows, ToDoubleFunction<T> cpu, List<ToDoubleFunction<T>> rates) {
		int n = rates.size();
		double[][] system = new double[n][n + 1];
		for (T window : windows) {
			for (int i = 0; i < n; i++) {
				double x = rates.get(i).applyAsDouble(window);
				for (int j = 0; j < n; j++) {
					system[i][j] += x * rates.get(j).applyAsDouble(window);
				}
				system[i][n] += x * cpu.applyAsDouble(window);
			}
		}
		return solve(system);
	}

	// Gauss-Jordan elimination with partial pivoting on the normal equations.
	private static double[] solve(double[][] system) {
		int n = system.length;
		for (int column = 0; column < n; column++) {
			int pivot = column;
			for (int row = column + 1; row < n; row++) {
				if (Math.abs(system[row][column]) > Math.abs(system[pivot][column])) {
					pivot = row;
				}
			}
			if (Math.abs(system[pivot][column]) < 1e-9) {
				return new double[0];
			}
			double[] swap = system[column];
			system[column] = system[pivot];
			system[pivot] = swap;
			for (int row = 0; row < n; row++) {
				if (row != column) {
					double factor = system[row][column] / system[column][column];
					for (int k = column; k <= n; k++) {
						system[row][k] -= factor * system[column][k];
					}
				}
			}
		}
		double[] solution = new double[n];
		for (int i = 0; i < n; i++) {
			solution[i] = system[i][n] / system[i][i];
		}
		return solution;
	}

}
